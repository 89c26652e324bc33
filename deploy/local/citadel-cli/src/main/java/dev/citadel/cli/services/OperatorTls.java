package dev.citadel.cli.services;

import dev.citadel.platform.pki.KeyStores;
import dev.citadel.platform.pki.Pem;
import dev.citadel.platform.pki.Secret;
import dev.citadel.platform.pki.SecretDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * The management zone's TLS client: presents the operator's client certificate ({@code pki/operator/}) and trusts
 * only the installation CA that issued every server certificate.
 */
public final class OperatorTls {

    private OperatorTls() {}

    public static SSLContext context(RunLayout layout) {
        try {
            Secret password = SecretDirectory.open(layout.operatorDir()).read("store.password")
                    .orElseThrow(() -> new IllegalStateException("no operator certificate in " + layout.operatorDir()
                            + "; run `citadel up` first"));
            KeyStore keys = KeyStores.load(layout.operatorDir().resolve("keystore.p12"), password);
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, password.revealChars());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), trustingRunCa(layout), null);
            return context;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the operator's TLS material", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build the operator's TLS context", e);
        }
    }

    /** Trust managers that trust only the run's CA, which issued every server certificate of the topology. */
    public static TrustManager[] trustingRunCa(RunLayout layout) throws IOException, GeneralSecurityException {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("citadel-ca", Pem.parseCertificate(Files.readString(layout.stampCaPem())));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        return tmf.getTrustManagers();
    }
}
