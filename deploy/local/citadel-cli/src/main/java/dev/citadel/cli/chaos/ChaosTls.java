package dev.citadel.cli.chaos;

import dev.citadel.cli.services.OperatorTls;
import dev.citadel.cli.services.RunLayout;
import dev.citadel.cli.services.ServiceKind;
import dev.citadel.platform.pki.Pem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * The chaos run's two client identities: an internet client (no certificate, trusts the run's CA) for the load, and
 * the edge's own client certificate for the audit, which reads each accepted write from each stamp directly.
 */
final class ChaosTls {

    private ChaosTls() {}

    static SSLContext internetClient(RunLayout layout) {
        return context(layout, null);
    }

    static SSLContext edgeClient(RunLayout layout) {
        Path dir = layout.tlsDir(ServiceKind.EDGE, null).resolve("client");
        try {
            X509Certificate certificate = Pem.parseCertificate(Files.readString(dir.resolve("edge.crt")));
            PrivateKey key = Pem.parsePrivateKey(Files.readString(dir.resolve("edge.key")),
                    certificate.getPublicKey().getAlgorithm());
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            char[] transientPassword = "in-memory".toCharArray();
            store.setKeyEntry("edge-client", key, transientPassword, new Certificate[] {certificate});
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(store, transientPassword);
            return context(layout, kmf);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the edge's client certificate in " + dir, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot use the edge's client certificate", e);
        }
    }

    private static SSLContext context(RunLayout layout, KeyManagerFactory keys) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys == null ? null : keys.getKeyManagers(), OperatorTls.trustingRunCa(layout), null);
            return context;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the run's CA certificate; run `citadel up` first", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build a TLS context", e);
        }
    }
}
