package dev.citadel.catalogapi.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.citadel.catalogapi.config.CatalogApiProperties;
import dev.citadel.platform.pki.Secret;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class KafkaClientConfigTest {

    private static CatalogApiProperties.Kafka kafka(String password) {
        return new CatalogApiProperties.Kafka("127.0.0.1:9093", "catalog-events", "SASL_SSL", "SCRAM-SHA-512",
                "catalog-api", Secret.of(password), "/secrets/kafka-truststore.p12", Secret.of("tp"),
                Duration.ofMillis(1500), Duration.ofSeconds(1), Duration.ofMillis(1500), Duration.ofSeconds(5));
    }

    @Test
    void producesDurablyIdempotentlyAndWithBoundedWaits() {
        Properties p = KafkaClientConfig.producer(kafka("pw"), "api-1");
        assertThat(p).containsEntry("acks", "all")
                .containsEntry("enable.idempotence", "true")
                .containsEntry("max.block.ms", "1000")
                .containsEntry("request.timeout.ms", "1500")
                .containsEntry("delivery.timeout.ms", "5000")
                .containsEntry("client.id", "api-1");
    }

    @Test
    void authenticatesWithScramOverTls() {
        Properties p = KafkaClientConfig.common(kafka("pw"), "api-1");
        assertThat(p).containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("ssl.truststore.location", "/secrets/kafka-truststore.p12")
                .containsEntry("ssl.truststore.type", "PKCS12")
                .containsEntry("ssl.truststore.password", "tp");
        assertThat(p.getProperty("sasl.jaas.config"))
                .startsWith("org.apache.kafka.common.security.scram.ScramLoginModule required")
                .contains("username=\"catalog-api\"", "password=\"pw\"");
    }

    @Test
    void escapesQuotesInThePasswordSoItCannotInjectJaasOptions() {
        Properties p = KafkaClientConfig.common(kafka("a\" evil=\"1"), "api-1");
        assertThat(p.getProperty("sasl.jaas.config")).contains("password=\"a\\\" evil=\\\"1\"");
    }
}
