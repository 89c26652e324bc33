package dev.citadel.servicedefaults.kafka;

import dev.citadel.platform.pki.Secret;
import dev.citadel.servicedefaults.ServiceDefaultsProperties;
import java.util.Properties;

/**
 * The one way a stamp service connects to its broker: SASL_SSL with SCRAM-SHA-512 as the service's own user, the
 * broker certificate checked against the truststore and the broker's host name (CITADEL.md §6). There is no key for
 * the security protocol or the mechanism, so no configuration can make a client PLAINTEXT. The returned properties
 * hold the password: never log them (kafka-clients itself prints {@code sasl.jaas.config} as {@code [hidden]}).
 */
public final class KafkaConnection {

    // kafka-clients' own key names, spelled out so this class loads in a service without kafka-clients (web-ui).
    static final String BOOTSTRAP_SERVERS = "bootstrap.servers";
    static final String CLIENT_ID = "client.id";
    static final String SECURITY_PROTOCOL = "security.protocol";
    static final String SASL_MECHANISM = "sasl.mechanism";
    static final String SASL_JAAS_CONFIG = "sasl.jaas.config";
    static final String SASL_CLIENT_CALLBACK_HANDLER = "sasl.client.callback.handler.class";
    // By name, for the same reason: the handler class needs kafka-clients.
    static final String FOLLOWED_HANDLER = "dev.citadel.servicedefaults.kafka.FollowedScramCallbackHandler";
    static final String TRUSTSTORE_LOCATION = "ssl.truststore.location";
    static final String TRUSTSTORE_TYPE = "ssl.truststore.type";
    static final String TRUSTSTORE_PASSWORD = "ssl.truststore.password";
    static final String ENDPOINT_IDENTIFICATION = "ssl.endpoint.identification.algorithm";

    private final ServiceDefaultsProperties.Kafka kafka;

    public KafkaConnection(ServiceDefaultsProperties.Kafka kafka) {
        this.kafka = kafka;
    }

    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** Connection and security settings for any client (producer, consumer, admin); callers add their own tuning. */
    public Properties clientProperties(String clientId) {
        if (kafka.username() == null || kafka.username().isBlank()) {
            throw new IllegalStateException("citadel.kafka.username must be set: every service connects as its own "
                    + "SCRAM user");
        }
        Properties p = new Properties();
        p.put(BOOTSTRAP_SERVERS, kafka.bootstrapServers());
        p.put(CLIENT_ID, clientId);
        p.put(SECURITY_PROTOCOL, "SASL_SSL");
        p.put(SASL_MECHANISM, "SCRAM-SHA-512");
        String passwordFile = kafka.passwordFile();
        if (passwordFile == null || passwordFile.isBlank()) {
            p.put(SASL_JAAS_CONFIG, jaas(kafka.username(), reveal(kafka.password())));
        } else {
            // Each new connection asks the handler, which reads the file: a rotated password needs no restart.
            p.put(SASL_JAAS_CONFIG, jaas(kafka.username(), reveal(kafka.password()), passwordFile));
            p.put(SASL_CLIENT_CALLBACK_HANDLER, FOLLOWED_HANDLER);
        }
        String trust = kafka.truststorePath();
        if (trust != null && !trust.isBlank()) {
            String type = kafka.truststoreType() == null || kafka.truststoreType().isBlank()
                    ? (trust.endsWith(".pem") || trust.endsWith(".crt") ? "PEM" : "PKCS12")
                    : kafka.truststoreType();
            p.put(TRUSTSTORE_LOCATION, trust);
            p.put(TRUSTSTORE_TYPE, type);
            if (!"PEM".equals(type) && !reveal(kafka.truststorePassword()).isEmpty()) {
                p.put(TRUSTSTORE_PASSWORD, kafka.truststorePassword().reveal());
            }
        }
        // Certificates are checked against the broker's host name (the default, stated so nobody turns it off).
        p.put(ENDPOINT_IDENTIFICATION, "https");
        return p;
    }

    /** JAAS line for SCRAM; quotes and backslashes in the values are escaped. */
    static String jaas(String username, String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + escape(username)
                + "\" password=\"" + escape(password) + "\";";
    }

    /** Same, naming the file the password follows (read by {@code FollowedScramCallbackHandler}). */
    static String jaas(String username, String password, String passwordFile) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + escape(username)
                + "\" password=\"" + escape(password) + "\" passwordFile=\"" + escape(passwordFile) + "\";";
    }

    private static String reveal(Secret secret) {
        return secret == null ? "" : secret.reveal();
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    @Override
    public String toString() {
        return "KafkaConnection[" + kafka.bootstrapServers() + " as " + kafka.username() + ", SASL_SSL]";
    }
}
