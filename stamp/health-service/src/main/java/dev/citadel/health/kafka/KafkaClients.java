package dev.citadel.health.kafka;

import dev.citadel.servicedefaults.kafka.KafkaConnection;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * health-service's own client tuning on top of service-defaults' {@link KafkaConnection} (which alone decides how to
 * connect: SASL_SSL, SCRAM-SHA-512, the truststore): every wait bounded by the check timeout. The returned
 * Properties hold the password: never log them.
 */
public final class KafkaClients {

    private KafkaClients() {
    }

    static Properties common(KafkaConnection connection, String clientId) {
        Properties p = connection.clientProperties(clientId);
        // Reconnect quickly once a stopped broker is back: the edge should see the stamp recover within an interval.
        p.put(CommonClientConfigs.RECONNECT_BACKOFF_MAX_MS_CONFIG, "1000");
        return p;
    }

    /**
     * The probe producer: acks=all (a probe proves the in-sync replicas accept writes), no idempotence (a duplicated
     * probe is harmless and it needs no producer id), every wait bounded by {@code timeout}.
     */
    public static Properties producer(KafkaConnection connection, String clientId, Duration timeout) {
        Properties p = common(connection, clientId);
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
    public static Properties admin(KafkaConnection connection, String clientId, Duration timeout) {
        Properties p = common(connection, clientId);
        String ms = Long.toString(Math.max(1000, timeout.toMillis()));
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, ms);
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, ms);
        return p;
    }
}
