package dev.citadel.servicedefaults.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.citadel.platform.pki.CertificateAuthority;
import dev.citadel.platform.pki.Pem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLEngine;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.config.types.Password;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FollowedTrustSslEngineFactoryTest {

    @TempDir
    Path dir;

    @Test
    void makesClientEnginesWithKafkasProtocolsAndEndpointIdentification() throws Exception {
        CertificateAuthority ca = CertificateAuthority.loadOrCreate(dir.resolve("ca"), "t CA");
        Path trust = dir.resolve("ca.crt");
        Files.writeString(trust, Pem.certificate(ca.certificate()));
        FollowedTrustSslEngineFactory factory = new FollowedTrustSslEngineFactory();
        factory.configure(Map.of(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, trust.toString(),
                SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, "PEM",
                SslConfigs.SSL_PROTOCOL_CONFIG, "TLSv1.3",
                SslConfigs.SSL_ENABLED_PROTOCOLS_CONFIG, List.of("TLSv1.3")));

        SSLEngine engine = factory.createClientSslEngine("kafka.region1.citadel", 9093, "https");

        assertThat(engine.getUseClientMode()).isTrue();
        assertThat(engine.getPeerHost()).isEqualTo("kafka.region1.citadel");
        assertThat(engine.getSSLParameters().getEndpointIdentificationAlgorithm()).isEqualTo("https");
        assertThat(engine.getEnabledProtocols()).containsExactly("TLSv1.3");
        assertThat(factory.trust().trusted()).containsExactly(ca.certificate());
        assertThat(factory.shouldBeRebuilt(Map.of())).isFalse();
        assertThatThrownBy(() -> factory.createServerSslEngine("x", 1))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void readsAKeystoreWithItsPasswordAndNamesOnlyThePathWhenItCannot() {
        CertificateAuthority ca = CertificateAuthority.loadOrCreate(dir.resolve("ca"), "t CA");
        Path store = dir.resolve("truststore.p12");
        ca.writeTrustStore(store, dev.citadel.platform.pki.Secret.of("the-store-password"));
        FollowedTrustSslEngineFactory factory = new FollowedTrustSslEngineFactory();
        factory.configure(Map.of(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, store.toString(),
                SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, "PKCS12",
                SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG, new Password("the-store-password")));
        assertThat(factory.trust().trusted()).containsExactly(ca.certificate());

        FollowedTrustSslEngineFactory wrong = new FollowedTrustSslEngineFactory();
        assertThatThrownBy(() -> wrong.configure(Map.of(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, store.toString(),
                SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, "PKCS12",
                SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG, new Password("not-it"))))
                .isInstanceOf(KafkaException.class).hasMessageContaining(store.toString())
                .hasMessageNotContaining("not-it");
    }
}
