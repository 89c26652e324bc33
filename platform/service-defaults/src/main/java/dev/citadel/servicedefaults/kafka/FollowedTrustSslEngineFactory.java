package dev.citadel.servicedefaults.kafka;

import dev.citadel.platform.pki.FollowedTrustManager;
import dev.citadel.platform.pki.Secret;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.common.security.auth.SslEngineFactory;

/**
 * A Kafka client's TLS ({@code ssl.engine.factory.class}) whose trust follows {@code ssl.truststore.location}:
 * every new connection to a broker trusts the CAs the file lists at that moment ({@link FollowedTrustManager}), so
 * a producer or consumer created before the CA's rotation connects to brokers that present a certificate of the new
 * CA, with no restart. Everything else is Kafka's client behaviour: the file's type ({@code PEM} or a keystore) and
 * password, {@code ssl.protocol}, {@code ssl.enabled.protocols} and the endpoint identification Kafka asks for. Clients
 * only: it has no key, so it makes no server engine.
 */
public final class FollowedTrustSslEngineFactory implements SslEngineFactory {

    private SSLContext context;
    private List<String> enabledProtocols;
    private FollowedTrustManager trust;

    @Override
    public void configure(Map<String, ?> configs) {
        Object location = configs.get(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG);
        if (location == null || location.toString().isBlank()) {
            throw new KafkaException(getClass().getSimpleName() + " needs " + SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG);
        }
        Object type = configs.get(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG);
        Object password = configs.get(SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG);
        Object protocol = configs.get(SslConfigs.SSL_PROTOCOL_CONFIG);
        try {
            trust = FollowedTrustManager.of(Path.of(location.toString()), type == null ? "PKCS12" : type.toString(),
                    password == null ? null : Secret.of(password instanceof Password p ? p.value() : password.toString()));
            context = SSLContext.getInstance(protocol == null ? "TLSv1.3" : protocol.toString());
            context.init(null, new javax.net.ssl.TrustManager[] {trust}, null);
        } catch (IOException | GeneralSecurityException e) {
            // The path only: never the password.
            throw new KafkaException("cannot load the Kafka truststore " + location + ": " + e.getMessage(), e);
        }
        enabledProtocols = protocols(configs.get(SslConfigs.SSL_ENABLED_PROTOCOLS_CONFIG));
    }

    @SuppressWarnings("unchecked")
    private static List<String> protocols(Object value) {
        if (value instanceof List<?> list && !list.isEmpty()) {
            return (List<String>) list;
        }
        if (value instanceof String s && !s.isBlank()) {
            return List.of(s.split("\\s*,\\s*"));
        }
        return List.of();
    }

    @Override
    public SSLEngine createClientSslEngine(String peerHost, int peerPort, String endpointIdentification) {
        SSLEngine engine = context.createSSLEngine(peerHost, peerPort);
        engine.setUseClientMode(true);
        SSLParameters params = engine.getSSLParameters();
        params.setEndpointIdentificationAlgorithm(endpointIdentification);
        if (!enabledProtocols.isEmpty()) {
            params.setProtocols(enabledProtocols.toArray(String[]::new));
        }
        engine.setSSLParameters(params);
        return engine;
    }

    @Override
    public SSLEngine createServerSslEngine(String peerHost, int peerPort) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " is for clients only");
    }

    /** Never: the trust follows its file by itself. */
    @Override
    public boolean shouldBeRebuilt(Map<String, Object> nextConfigs) {
        return false;
    }

    @Override
    public Set<String> reconfigurableConfigs() {
        return Set.of();
    }

    @Override
    public KeyStore keystore() {
        return null;
    }

    @Override
    public KeyStore truststore() {
        return null;
    }

    @Override
    public void close() {
        // nothing held open: the file is read at a change only
    }

    /** The CAs trusted now (for tests and diagnostics). */
    FollowedTrustManager trust() {
        return trust;
    }
}
