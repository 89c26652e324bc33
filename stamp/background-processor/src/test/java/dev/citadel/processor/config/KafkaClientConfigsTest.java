package dev.citadel.processor.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import dev.citadel.platform.pki.Secret;
import dev.citadel.servicedefaults.ServiceDefaultsProperties;
import dev.citadel.servicedefaults.kafka.KafkaConnection;

class KafkaClientConfigsTest {

    private static KafkaConnection connection(String truststorePassword) {
        return new KafkaConnection(new ServiceDefaultsProperties.Kafka("broker:9093", "background-processor",
                Secret.of("pw"), "/secrets/kafka-truststore.p12", "PKCS12", Secret.of(truststorePassword), null));
    }

    private static ProcessorProperties.Kafka kafka() {
        return new ProcessorProperties.Kafka("catalog-events", "catalog-events-dlq", "background-processor", 50,
                Duration.ofSeconds(1), Duration.ofMinutes(5), Duration.ofSeconds(30), Duration.ofSeconds(5), 3);
    }

    @Test
    void consumerCommitsManuallyOverSaslSslWithScram() {
        Properties p = KafkaClientConfigs.consumer(connection("tpw"), kafka(), "bp-1");

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
        Properties p = KafkaClientConfigs.durableProducer(connection(""), "bp-1", Duration.ofSeconds(30));

        assertThat(p).containsEntry("acks", "all").containsEntry("enable.idempotence", "true")
                .containsEntry("delivery.timeout.ms", "30000").containsEntry("request.timeout.ms", "15000")
                .containsEntry("security.protocol", "SASL_SSL")
                .doesNotContainKey("ssl.truststore.password");
    }
}
