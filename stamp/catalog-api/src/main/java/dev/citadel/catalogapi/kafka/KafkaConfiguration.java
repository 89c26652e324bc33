package dev.citadel.catalogapi.kafka;

import dev.citadel.catalogapi.config.CatalogApiProperties;
import dev.citadel.servicedefaults.kafka.KafkaConnection;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The plain kafka-clients producer and the admin client of the readiness check, both over service-defaults' one
 * {@link KafkaConnection} (this service's user, SASL_SSL).
 */
@Configuration(proxyBeanMethods = false)
class KafkaConfiguration {

    @Bean(destroyMethod = "close")
    KafkaEventPublisher kafkaEventPublisher(CatalogApiProperties properties, KafkaConnection connection) {
        CatalogApiProperties.Kafka kafka = properties.kafka();
        return new KafkaEventPublisher(
                new KafkaProducer<>(KafkaClientConfig.producer(connection, kafka, properties.serverName())), kafka);
    }

    @Bean(destroyMethod = "close")
    Admin kafkaHealthAdmin(CatalogApiProperties properties, KafkaConnection connection) {
        Properties p = connection.clientProperties(properties.serverName() + "-health");
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "2000");
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "2000");
        return Admin.create(p);
    }

    @Bean
    KafkaHealthIndicator kafkaHealthIndicator(Admin kafkaHealthAdmin, CatalogApiProperties properties) {
        return new KafkaHealthIndicator(kafkaHealthAdmin, properties.kafka().topic(), 1500);
    }
}
