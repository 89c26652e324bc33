package dev.citadel.catalogapi.kafka;

import dev.citadel.catalogapi.config.CatalogApiProperties;
import dev.citadel.servicedefaults.kafka.KafkaConnection;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * catalog-api's own producer tuning on top of service-defaults' {@link KafkaConnection} (which alone decides how to
 * connect: SASL_SSL, SCRAM-SHA-512, the truststore). A pure function, unit-tested.
 */
final class KafkaClientConfig {

    private KafkaClientConfig() {
    }

    /**
     * The producer of async writes: acks=all and idempotence so an acknowledged record is on every in-sync replica
     * exactly once; every wait bounded so a dead broker surfaces as a 503 within about {@code ackTimeout}.
     */
    static Properties producer(KafkaConnection connection, CatalogApiProperties.Kafka kafka, String clientId) {
        Properties p = connection.clientProperties(clientId);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "1");
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(kafka.maxBlock().toMillis()));
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(kafka.requestTimeout().toMillis()));
        // Kafka requires delivery.timeout.ms >= linger.ms + request.timeout.ms.
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                Long.toString(Math.max(kafka.deliveryTimeout().toMillis(), kafka.requestTimeout().toMillis() + 1)));
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return p;
    }
}
