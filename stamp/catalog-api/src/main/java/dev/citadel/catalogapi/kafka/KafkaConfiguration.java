package dev.citadel.catalogapi.kafka;

import dev.citadel.catalogapi.config.CatalogApiProperties;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The plain kafka-clients producer and the admin client of the readiness check, both as this service's user. */
@Configuration(proxyBeanMethods = false)
class KafkaConfiguration {

    @Bean(destroyMethod = "close")
    KafkaEventPublisher kafkaEventPublisher(CatalogApiProperties properties) {
        CatalogApiProperties.Kafka kafka = properties.kafka();
        return new KafkaEventPublisher(
                new KafkaProducer<>(KafkaClientConfig.producer(kafka, properties.serverName())), kafka);
    }

    @Bean(destroyMethod = "close")
    Admin kafkaHealthAdmin(CatalogApiProperties properties) {
        Properties p = KafkaClientConfig.common(properties.kafka(), properties.serverName() + "-health");
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "2000");
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "2000");
        return Admin.create(p);
    }

    @Bean
    KafkaHealthIndicator kafkaHealthIndicator(Admin kafkaHealthAdmin, CatalogApiProperties properties) {
        return new KafkaHealthIndicator(kafkaHealthAdmin, properties.kafka().topic(), 1500);
    }
}
