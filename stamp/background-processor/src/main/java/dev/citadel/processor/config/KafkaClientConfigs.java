package dev.citadel.processor.config;

import java.time.Duration;
import java.util.Properties;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Builds kafka-clients configurations from {@link ProcessorProperties.Kafka}. Always SASL_SSL with SCRAM-SHA-512:
 * there is no switch for plaintext (CITADEL.md §6). The returned Properties contain the password: never log them
 * (kafka-clients itself prints {@code sasl.jaas.config} as {@code [hidden]}).
 */
public final class KafkaClientConfigs {

    private KafkaClientConfigs() {
    }

    /** Security and bootstrap settings shared by every client of this service. */
    public static Properties common(ProcessorProperties.Kafka kafka, String clientId) {
        Properties p = new Properties();
        p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(CommonClientConfigs.CLIENT_ID_CONFIG, clientId);
        p.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_SSL");
        p.put(SaslConfigs.SASL_MECHANISM, "SCRAM-SHA-512");
        p.put(SaslConfigs.SASL_JAAS_CONFIG, jaas(kafka.username(), kafka.password().reveal()));
        p.put(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, kafka.truststorePath().toString());
        p.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, kafka.truststoreType());
        if (!kafka.truststorePassword().reveal().isEmpty()) {
            p.put(SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG, kafka.truststorePassword().reveal());
        }
        // Certificates are checked against the broker's host name (the default, stated so nobody turns it off).
        p.put(SslConfigs.SSL_ENDPOINT_IDENTIFICATION_ALGORITHM_CONFIG, "https");
        return p;
    }

    /** The event consumer: manual commits, batches of {@code maxPollRecords}. */
    public static Properties consumer(ProcessorProperties.Kafka kafka, String clientId) {
        Properties p = common(kafka, clientId);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, kafka.groupId());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        // A group that starts for the first time must read what the API accepted before it existed.
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Integer.toString(kafka.maxPollRecords()));
        p.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, Long.toString(kafka.maxPollInterval().toMillis()));
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return p;
    }

    /**
     * A producer whose acknowledgement means durable: acks=all and idempotence (no duplicates from its own
     * retries), bounded by {@code timeout} overall.
     */
    public static Properties durableProducer(ProcessorProperties.Kafka kafka, String clientId, Duration timeout) {
        Properties p = common(kafka, clientId);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        long timeoutMs = timeout.toMillis();
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Long.toString(timeoutMs));
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(Math.max(1000, timeoutMs / 2)));
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(timeoutMs));
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return p;
    }

    /** JAAS line for SCRAM; quotes and backslashes in the values are escaped. */
    static String jaas(String username, String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + escape(username)
                + "\" password=\"" + escape(password) + "\";";
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
