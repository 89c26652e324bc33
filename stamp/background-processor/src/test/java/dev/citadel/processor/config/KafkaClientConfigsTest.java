package dev.citadel.processor.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import dev.citadel.platform.pki.Secret;

class KafkaClientConfigsTest {

    private static ProcessorProperties.Kafka kafka(String password, String truststorePassword) {
        return new ProcessorProperties.Kafka("broker:9093", "background-processor", Secret.of(password),
                Path.of("/secrets/kafka-truststore.p12"), "PKCS12", Secret.of(truststorePassword), "catalog-events",
                "catalog-events-dlq", "background-processor", 50, Duration.ofSeconds(1), Duration.ofMinutes(5),
                Duration.ofSeconds(30), Duration.ofSeconds(5));
    }

    @Test
    void consumerCommitsManuallyOverSaslSslWithScram() {
        Properties p = KafkaClientConfigs.consumer(kafka("pw", "tpw"), "bp-1");

        assertThat(p).containsEntry("enable.auto.commit", "false")
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("group.id", "background-processor")
                .containsEntry("max.poll.records", "50")
                .containsEntry("auto.offset.reset", "earliest")
                .containsEntry("ssl.truststore.password", "tpw")
                .containsEntry("ssl.endpoint.identification.algorithm", "https");
    }

    @Test
    void deadLetterProducerWaitsForAllReplicasAndIsIdempotent() {
        Properties p = KafkaClientConfigs.durableProducer(kafka("pw", ""), "bp-1", Duration.ofSeconds(30));

        assertThat(p).containsEntry("acks", "all").containsEntry("enable.idempotence", "true")
                .containsEntry("delivery.timeout.ms", "30000").containsEntry("request.timeout.ms", "15000")
                .doesNotContainKey("ssl.truststore.password");
    }

    @Test
    void escapesQuotesAndBackslashesInTheJaasLine() {
        assertThat(KafkaClientConfigs.jaas("u", "a\"b\\c")).isEqualTo(
                "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"u\" "
                        + "password=\"a\\\"b\\\\c\";");
    }
}
