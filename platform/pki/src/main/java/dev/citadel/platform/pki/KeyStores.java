package dev.citadel.platform.pki;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** PKCS12 key- and truststores, the format Cassandra, Kafka and the JDK all read. */
public final class KeyStores {

    public static final String TYPE = "PKCS12";

    private KeyStores() {
    }

    static void writeKeyStore(Path file, Secret password, String alias, PrivateKey key, X509Certificate... chain) {
        try {
            KeyStore store = KeyStore.getInstance(TYPE);
            store.load(null, null);
            // Same password for store and key: Kafka and Cassandra assume so for PKCS12.
            store.setKeyEntry(alias, key, password.revealChars(), chain);
            save(file, store, password);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot write keystore " + file, e);
        }
    }

    static void writeTrustStore(Path file, Secret password, X509Certificate ca) {
        try {
            KeyStore store = KeyStore.getInstance(TYPE);
            store.load(null, null);
            store.setCertificateEntry("citadel-ca", ca);
            save(file, store, password);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot write truststore " + file, e);
        }
    }

    public static KeyStore load(Path file, Secret password) {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance(TYPE);
            store.load(in, password.revealChars());
            return store;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot read keystore " + file, e);
        }
    }

    /** A client-side TLS context that trusts exactly the stores' CA (no client certificate). */
    public static SSLContext clientContext(Path trustStore, Secret password) {
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(load(trustStore, password));
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build TLS context from " + trustStore, e);
        }
    }

    public static X509Certificate firstCertificate(KeyStore store) {
        try {
            for (String alias : java.util.Collections.list(store.aliases())) {
                Certificate c = store.getCertificate(alias);
                if (c instanceof X509Certificate x) {
                    return x;
                }
            }
            throw new IllegalStateException("keystore holds no certificate");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void save(Path file, KeyStore store, Secret password) throws GeneralSecurityException, IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        store.store(out, password.revealChars());
        SecureFiles.write(file, out.toByteArray());
    }
}
