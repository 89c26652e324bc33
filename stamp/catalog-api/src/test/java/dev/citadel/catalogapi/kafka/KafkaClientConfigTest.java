package dev.citadel.catalogapi.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.citadel.catalogapi.config.CatalogApiProperties;
import dev.citadel.platform.pki.Secret;
import dev.citadel.servicedefaults.ServiceDefaultsProperties;
import dev.citadel.servicedefaults.kafka.KafkaConnection;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class KafkaClientConfigTest {

    private static final KafkaConnection CONNECTION = new KafkaConnection(new ServiceDefaultsProperties.Kafka(
            "127.0.0.1:9093", "catalog-api", Secret.of("pw"), "/secrets/kafka-truststore.p12", null, Secret.of("tp"), null));

    private static CatalogApiProperties.Kafka kafka() {
        return new CatalogApiProperties.Kafka("catalog-events", Duration.ofMillis(1500), Duration.ofSeconds(1),
                Duration.ofMillis(1500), Duration.ofSeconds(5));
    }

    @Test
    void producesDurablyIdempotentlyAndWithBoundedWaits() {
        Properties p = KafkaClientConfig.producer(CONNECTION, kafka(), "api-1");
        assertThat(p).containsEntry("acks", "all")
                .containsEntry("enable.idempotence", "true")
                .containsEntry("max.block.ms", "1000")
                .containsEntry("request.timeout.ms", "1500")
                .containsEntry("delivery.timeout.ms", "5000")
                .containsEntry("client.id", "api-1");
    }

    @Test
    void producesOverTheOneSaslSslConnection() {
        Properties p = KafkaClientConfig.producer(CONNECTION, kafka(), "api-1");
        assertThat(p).containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("ssl.truststore.location", "/secrets/kafka-truststore.p12");
        assertThat(p.getProperty("sasl.jaas.config")).contains("username=\"catalog-api\"", "password=\"pw\"");
    }
}
