package dev.citadel.platform.pki;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A trust manager that follows its trust file: at every check (one per handshake) it looks at the file's
 * modification time and size, and once they changed it reads the CAs again, so the next connection of a long-lived
 * client trusts what the file lists now — old and new CA during a CA's rotation, then the new alone — without a
 * restart. The checks themselves are the JDK's (PKIX, and the endpoint identification the engine or socket asks
 * for). A file that cannot be read or holds no certificate (being replaced, a mistaken write) keeps the previous
 * CAs, with one WARN line per change.
 */
public final class FollowedTrustManager extends X509ExtendedTrustManager {

    private static final Logger log = LoggerFactory.getLogger(FollowedTrustManager.class);

    /** Reads the file into a KeyStore of trusted certificates. */
    private interface Loader {
        KeyStore load(Path file) throws IOException, GeneralSecurityException;
    }

    private record Loaded(FileTime modified, long size, X509ExtendedTrustManager delegate) {}

    private final Path file;
    private final Loader loader;
    private volatile Loaded current;

    private FollowedTrustManager(Path file, Loader loader) throws IOException, GeneralSecurityException {
        this.file = Objects.requireNonNull(file, "file");
        this.loader = loader;
        FileTime modified = Files.getLastModifiedTime(file);
        long size = Files.size(file);
        this.current = new Loaded(modified, size, delegate(loader.load(file)));
    }

    /** Follows a PEM file listing one or more CA certificates. */
    public static FollowedTrustManager pem(Path file) throws IOException, GeneralSecurityException {
        return new FollowedTrustManager(file, FollowedTrustManager::loadPem);
    }

    /** Follows a PKCS12 truststore (JKS files are read too); its password does not change with its content. */
    public static FollowedTrustManager keyStore(Path file, Secret password) throws IOException, GeneralSecurityException {
        return new FollowedTrustManager(file, f -> loadKeyStore(f, password));
    }

    /** {@code PEM} for a PEM file, anything else for a keystore of that kind read as PKCS12. */
    public static FollowedTrustManager of(Path file, String type, Secret password)
            throws IOException, GeneralSecurityException {
        return "PEM".equalsIgnoreCase(type) ? pem(file) : keyStore(file, password);
    }

    /** A client TLS context (no key) whose trust is this manager. */
    public SSLContext clientContext() throws GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {this}, null);
        return context;
    }

    /** The CAs trusted now (after looking at the file). */
    public List<X509Certificate> trusted() {
        return List.of(delegate().getAcceptedIssuers());
    }

    private X509ExtendedTrustManager delegate() {
        Loaded seen = current;
        FileTime modified;
        long size;
        try {
            modified = Files.getLastModifiedTime(file);
            size = Files.size(file);
        } catch (IOException e) {
            // Being replaced: the previous CAs stay until it is back.
            return seen.delegate();
        }
        if (modified.equals(seen.modified()) && size == seen.size()) {
            return seen.delegate();
        }
        synchronized (this) {
            if (current != seen) {
                return current.delegate();
            }
            try {
                X509ExtendedTrustManager next = delegate(loader.load(file));
                current = new Loaded(modified, size, next);
                log.info("trust {}: reloaded, {} CA(s): {}", file, next.getAcceptedIssuers().length,
                        subjects(next.getAcceptedIssuers()));
            } catch (IOException | GeneralSecurityException | RuntimeException e) {
                // This content has been dealt with: it is not retried until the file changes again.
                current = new Loaded(modified, size, seen.delegate());
                log.warn("trust {}: the changed file cannot be used, keeping the previous CAs: {}", file, e.toString());
            }
            return current.delegate();
        }
    }

    private static String subjects(X509Certificate[] cas) {
        StringBuilder sb = new StringBuilder();
        for (X509Certificate ca : cas) {
            sb.append(sb.isEmpty() ? "" : "; ").append(ca.getSubjectX500Principal().getName()).append(" serial ")
                    .append(ca.getSerialNumber().toString(16));
        }
        return sb.toString();
    }

    private static X509ExtendedTrustManager delegate(KeyStore trust) throws GeneralSecurityException {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        for (TrustManager tm : tmf.getTrustManagers()) {
            if (tm instanceof X509ExtendedTrustManager x) {
                return x;
            }
        }
        throw new GeneralSecurityException("no X509 trust manager for " + Collections.list(trust.aliases()));
    }

    private static KeyStore loadPem(Path file) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        int i = 0;
        try (InputStream in = Files.newInputStream(file)) {
            for (Certificate cert : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                store.setCertificateEntry("ca-" + i++, cert);
            }
        }
        if (i == 0) {
            throw new GeneralSecurityException("no certificate in " + file);
        }
        return store;
    }

    private static KeyStore loadKeyStore(Path file, Secret password) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password == null ? null : password.revealChars());
        }
        if (store.size() == 0) {
            throw new GeneralSecurityException("no certificate in " + file);
        }
        return store;
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        delegate().checkClientTrusted(chain, authType, socket);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        delegate().checkServerTrusted(chain, authType, socket);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        delegate().checkClientTrusted(chain, authType, engine);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        delegate().checkServerTrusted(chain, authType, engine);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        delegate().checkClientTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        delegate().checkServerTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return delegate().getAcceptedIssuers();
    }

    @Override
    public String toString() {
        return "FollowedTrustManager[" + file + "]";
    }
}
