package dev.citadel.health.signals;

import dev.citadel.platform.pki.Pem;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The TLS context of metrics scrapes: the stamp services' management ports demand the operator's client
 * certificate, and are trusted through the given CA only (never the JDK's public roots).
 */
final class ScrapeTls {

    private ScrapeTls() {
    }

    static SSLContext context(Path clientCertificate, Path clientPrivateKey, Path caCertificate) {
        try {
            KeyManagerFactory kmf = null;
            if (clientCertificate != null && clientPrivateKey != null) {
                X509Certificate cert = Pem.parseCertificate(Files.readString(clientCertificate));
                PrivateKey key = privateKey(Files.readString(clientPrivateKey));
                KeyStore keys = KeyStore.getInstance("PKCS12");
                keys.load(null, null);
                char[] transientPassword = "in-memory".toCharArray();
                keys.setKeyEntry("client", key, transientPassword, new Certificate[] {cert});
                kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(keys, transientPassword);
            }
            TrustManagerFactory tmf = null;
            if (caCertificate != null) {
                KeyStore trust = KeyStore.getInstance("PKCS12");
                trust.load(null, null);
                try (InputStream in = Files.newInputStream(caCertificate)) {
                    int i = 0;
                    for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                        trust.setCertificateEntry("ca-" + i++, c);
                    }
                }
                tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(trust);
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf == null ? null : kmf.getKeyManagers(), tmf == null ? null : tmf.getTrustManagers(), null);
            return context;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the scrape TLS material", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build the scrape TLS context", e);
        }
    }

    /** Citadel's PKI issues EC keys; RSA is accepted for keys issued elsewhere. */
    static PrivateKey privateKey(String pem) {
        try {
            return Pem.parsePrivateKey(pem, "EC");
        } catch (IllegalArgumentException e) {
            return Pem.parsePrivateKey(pem, "RSA");
        }
    }
}
