package dev.citadel.processor.config;

import java.time.Duration;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import dev.citadel.servicedefaults.kafka.KafkaConnection;

/**
 * The processor's own client tuning on top of service-defaults' {@link KafkaConnection}, which alone decides how to
 * connect (SASL_SSL with SCRAM-SHA-512, the truststore, host-name verification). The returned Properties contain the
 * password: never log them (kafka-clients itself prints {@code sasl.jaas.config} as {@code [hidden]}).
 */
public final class KafkaClientConfigs {

    private KafkaClientConfigs() {
    }

    /** The event consumer: manual commits, batches of {@code maxPollRecords}. */
    public static Properties consumer(KafkaConnection connection, ProcessorProperties.Kafka kafka, String clientId) {
        Properties p = connection.clientProperties(clientId);
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
    public static Properties durableProducer(KafkaConnection connection, String clientId, Duration timeout) {
        Properties p = connection.clientProperties(clientId);
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
}
