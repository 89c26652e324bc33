package dev.citadel.catalogapi.kafka;

import dev.citadel.catalogapi.config.CatalogApiProperties;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Turns {@link CatalogApiProperties.Kafka} into client properties: a pure function, unit-tested. */
final class KafkaClientConfig {

    private KafkaClientConfig() {
    }

    /** Connection and security settings shared by the producer and the health-check admin client. */
    static Properties common(CatalogApiProperties.Kafka kafka, String clientId) {
        Properties p = new Properties();
        p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(CommonClientConfigs.CLIENT_ID_CONFIG, clientId);
        p.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, kafka.securityProtocol());
        if (kafka.securityProtocol().startsWith("SASL")) {
            p.put(SaslConfigs.SASL_MECHANISM, kafka.saslMechanism());
            p.put(SaslConfigs.SASL_JAAS_CONFIG, "org.apache.kafka.common.security.scram.ScramLoginModule required"
                    + " username=\"" + jaasEscape(kafka.username()) + "\""
                    + " password=\"" + jaasEscape(kafka.password() == null ? "" : kafka.password().reveal()) + "\";");
        }
        if (kafka.securityProtocol().endsWith("SSL") && kafka.truststorePath() != null
                && !kafka.truststorePath().isBlank()) {
            p.put(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, kafka.truststorePath());
            p.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG,
                    kafka.truststorePath().endsWith(".pem") || kafka.truststorePath().endsWith(".crt") ? "PEM" : "PKCS12");
            if (!CatalogApiProperties.isEmpty(kafka.truststorePassword())) {
                p.put(SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG, kafka.truststorePassword().reveal());
            }
        }
        return p;
    }

    /**
     * The producer of async writes: acks=all and idempotence so an acknowledged record is on every in-sync replica
     * exactly once; every wait bounded so a dead broker surfaces as a 503 within about {@code ackTimeout}.
     */
    static Properties producer(CatalogApiProperties.Kafka kafka, String clientId) {
        Properties p = common(kafka, clientId);
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

    private static String jaasEscape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
