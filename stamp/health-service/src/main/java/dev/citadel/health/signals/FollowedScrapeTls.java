package dev.citadel.health.signals;

import dev.citadel.platform.pki.Pem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scrape TLS context, following its files: a rotated scraper certificate (or a new list of trusted CAs) is used
 * by the next scrape, without a restart. The files are looked at (their modification times only) at every scrape,
 * which is once per check round. Files caught half-written, a new certificate beside the old key, are not used:
 * the previous context stays until the next look finds a matching pair.
 */
final class FollowedScrapeTls {

    private static final Logger LOG = LoggerFactory.getLogger(FollowedScrapeTls.class);

    private final Path clientCertificate;
    private final Path clientPrivateKey;
    private final Path caCertificate;
    private volatile Loaded current;

    private record Loaded(List<FileTime> modified, SSLContext context) {}

    FollowedScrapeTls(Path clientCertificate, Path clientPrivateKey, Path caCertificate) {
        this.clientCertificate = clientCertificate;
        this.clientPrivateKey = clientPrivateKey;
        this.caCertificate = caCertificate;
        current = new Loaded(modified(), ScrapeTls.context(clientCertificate, clientPrivateKey, caCertificate));
    }

    /** The context for the next scrape: rebuilt first when one of its files changed since it was built. */
    synchronized SSLContext context() {
        List<FileTime> now = modified();
        if (now.equals(current.modified())) {
            return current.context();
        }
        try {
            if (clientCertificate != null && clientPrivateKey != null) {
                requireMatch();
            }
            current = new Loaded(now, ScrapeTls.context(clientCertificate, clientPrivateKey, caCertificate));
            LOG.info("TLS scrape-client: reloaded from {} (now presenting {})", files(), presenting());
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            LOG.warn("TLS scrape-client: the changed files cannot be used yet, keeping the previous ones: {}",
                    e.toString());
        }
        return current.context();
    }

    private void requireMatch() throws IOException, GeneralSecurityException {
        X509Certificate cert = Pem.parseCertificate(Files.readString(clientCertificate));
        PrivateKey key = ScrapeTls.privateKey(Files.readString(clientPrivateKey));
        String algorithm = "RSA".equals(key.getAlgorithm()) ? "SHA256withRSA" : "SHA256withECDSA";
        byte[] probe = "scrape-client".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        Signature signer = Signature.getInstance(algorithm);
        signer.initSign(key);
        signer.update(probe);
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance(algorithm);
        verifier.initVerify(cert.getPublicKey());
        verifier.update(probe);
        if (!verifier.verify(signature)) {
            throw new GeneralSecurityException(clientPrivateKey + " is not the key of " + clientCertificate);
        }
    }

    private String presenting() {
        if (clientCertificate == null) {
            return "no client certificate";
        }
        try {
            X509Certificate c = Pem.parseCertificate(Files.readString(clientCertificate));
            // The trailing space ends the serial for whoever looks for it in the log.
            return c.getSubjectX500Principal().getName() + " serial " + c.getSerialNumber().toString(16) + " until "
                    + c.getNotAfter().toInstant();
        } catch (IOException | RuntimeException e) {
            return String.valueOf(clientCertificate);
        }
    }

    private List<Path> files() {
        List<Path> files = new ArrayList<>();
        for (Path p : new Path[] {clientCertificate, clientPrivateKey, caCertificate}) {
            if (p != null) {
                files.add(p.getFileName());
            }
        }
        return files;
    }

    /** Null for a file that is absent or being replaced: a change too. */
    private List<FileTime> modified() {
        List<FileTime> times = new ArrayList<>();
        for (Path p : new Path[] {clientCertificate, clientPrivateKey, caCertificate}) {
            if (p == null) {
                continue;
            }
            try {
                times.add(Files.getLastModifiedTime(p));
            } catch (IOException e) {
                times.add(null);
            }
        }
        return times;
    }

    @Override
    public String toString() {
        return "FollowedScrapeTls" + Objects.toString(files());
    }
}
