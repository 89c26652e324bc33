package dev.citadel.servicedefaults.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.citadel.servicedefaults.ServiceDefaultsAutoConfiguration;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class KafkaConnectionTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ServiceDefaultsAutoConfiguration.class))
            .withPropertyValues("citadel.kafka.bootstrap-servers=127.0.2.1:9093", "citadel.kafka.username=catalog-api",
                    "citadel.kafka.password=s3cr\"et\n", "citadel.kafka.truststore-path=/tls/kafka-truststore.p12",
                    "citadel.kafka.truststore-password=changeit");

    @Test
    void connectsWithSaslSslScramAsTheServicesOwnUser() {
        runner.run(context -> {
            Properties p = context.getBean(KafkaConnection.class).clientProperties("catalog-api-region1");
            assertThat(p).containsEntry(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, "127.0.2.1:9093")
                    .containsEntry(CommonClientConfigs.CLIENT_ID_CONFIG, "catalog-api-region1")
                    .containsEntry(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_SSL")
                    .containsEntry(SaslConfigs.SASL_MECHANISM, "SCRAM-SHA-512")
                    .containsEntry(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, "/tls/kafka-truststore.p12")
                    .containsEntry(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, "PKCS12")
                    .containsEntry(SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG, "changeit")
                    .containsEntry(SslConfigs.SSL_ENDPOINT_IDENTIFICATION_ALGORITHM_CONFIG, "https");
            // The secret file's trailing newline is stripped; quotes in it cannot break out of the JAAS line.
            assertThat(p.getProperty(SaslConfigs.SASL_JAAS_CONFIG)).isEqualTo(
                    "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"catalog-api\""
                            + " password=\"s3cr\\\"et\";");
        });
    }

    @Test
    void noPropertyCanMakeTheConnectionPlaintext() {
        runner.withPropertyValues("citadel.kafka.security-protocol=PLAINTEXT", "citadel.kafka.sasl-mechanism=PLAIN",
                        "citadel.catalog-api.kafka.security-protocol=PLAINTEXT", "spring.kafka.security.protocol=PLAINTEXT",
                        "citadel.kafka.truststore-path=")
                .run(context -> {
                    Properties p = context.getBean(KafkaConnection.class).clientProperties("x");
                    assertThat(p.getProperty(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG)).isEqualTo("SASL_SSL");
                    assertThat(p.getProperty(SaslConfigs.SASL_MECHANISM)).isEqualTo("SCRAM-SHA-512");
                });
    }

    @Test
    void aPemTruststoreNeedsNoPassword() {
        runner.withPropertyValues("citadel.kafka.truststore-path=/tls/stamp-ca.pem").run(context -> {
            Properties p = context.getBean(KafkaConnection.class).clientProperties("x");
            assertThat(p).containsEntry(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, "PEM")
                    .doesNotContainKey(SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG);
        });
    }

    @Test
    void anExplicitTruststoreTypeWins() {
        runner.withPropertyValues("citadel.kafka.truststore-type=JKS").run(context -> assertThat(
                context.getBean(KafkaConnection.class).clientProperties("x"))
                .containsEntry(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, "JKS"));
    }

    @Test
    void aClientWithoutAUserIsRefusedNamingTheKey() {
        runner.withPropertyValues("citadel.kafka.username=").run(context ->
                assertThatThrownBy(() -> context.getBean(KafkaConnection.class).clientProperties("x"))
                        .hasMessageContaining("citadel.kafka.username"));
    }

    @Test
    void itsDescriptionNeverShowsThePassword() {
        runner.run(context -> assertThat(context.getBean(KafkaConnection.class).toString())
                .doesNotContain("s3cr").contains("SASL_SSL"));
    }

    @Test
    void producerTuningIsLeftToTheService() {
        runner.run(context -> assertThat(context.getBean(KafkaConnection.class).clientProperties("x"))
                .doesNotContainKey(ProducerConfig.ACKS_CONFIG));
    }
}
