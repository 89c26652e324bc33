package dev.citadel.health.kafka;

import dev.citadel.health.config.HealthProperties;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * kafka-clients configurations for health-service's user: always SASL_SSL with SCRAM-SHA-512 (CITADEL.md §6), every
 * wait bounded by the check timeout. The returned Properties hold the password: never log them.
 */
public final class KafkaClients {

    private KafkaClients() {
    }

    public static Properties common(HealthProperties.Kafka kafka, String clientId) {
        Properties p = new Properties();
        p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(CommonClientConfigs.CLIENT_ID_CONFIG, clientId);
        p.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_SSL");
        p.put(SaslConfigs.SASL_MECHANISM, "SCRAM-SHA-512");
        String password = kafka.password() == null ? "" : kafka.password().reveal();
        p.put(SaslConfigs.SASL_JAAS_CONFIG, "org.apache.kafka.common.security.scram.ScramLoginModule required"
                + " username=\"" + escape(kafka.username()) + "\" password=\"" + escape(password) + "\";");
        String trust = kafka.truststorePath();
        if (trust != null && !trust.isBlank()) {
            p.put(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, trust);
            p.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, isPem(trust) ? "PEM" : "PKCS12");
            if (!isPem(trust) && !HealthProperties.isEmpty(kafka.truststorePassword())) {
                p.put(SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG, kafka.truststorePassword().reveal());
            }
        }
        p.put(SslConfigs.SSL_ENDPOINT_IDENTIFICATION_ALGORITHM_CONFIG, "https");
        // Reconnect quickly once a stopped broker is back: the edge should see the stamp recover within an interval.
        p.put(CommonClientConfigs.RECONNECT_BACKOFF_MAX_MS_CONFIG, "1000");
        return p;
    }

    /**
     * The probe producer: acks=all (a probe proves the in-sync replicas accept writes), no idempotence (a duplicated
     * probe is harmless and it needs no producer id), every wait bounded by {@code timeout}.
     */
    public static Properties producer(HealthProperties.Kafka kafka, String clientId, Duration timeout) {
        Properties p = common(kafka, clientId);
        long ms = Math.max(1000, timeout.toMillis());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(ms));
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(ms));
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Long.toString(ms + 1));
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return p;
    }

    /** The admin client of the lag signal. */
    public static Properties admin(HealthProperties.Kafka kafka, String clientId, Duration timeout) {
        Properties p = common(kafka, clientId);
        String ms = Long.toString(Math.max(1000, timeout.toMillis()));
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, ms);
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, ms);
        return p;
    }

    private static boolean isPem(String path) {
        return path.endsWith(".pem") || path.endsWith(".crt");
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
