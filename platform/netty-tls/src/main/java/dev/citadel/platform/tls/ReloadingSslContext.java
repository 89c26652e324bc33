package dev.citadel.platform.tls;

import io.netty.handler.ssl.SslContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Netty {@link SslContext} that follows its PEM files: they are polled, and once their content has changed and
 * then stayed the same for a quiet period (so a key is never paired with the certificate of the previous
 * rotation half-way through its replacement), a new context is built and swapped in atomically. Every
 * {@link #get()} after that — a new connection's handler — uses the new one; connections already open keep the
 * engine they were created with until they close. A replacement that cannot be loaded (unreadable, not PEM, a key
 * that does not belong to its certificate) is refused with a warning and the previous context stays.
 */
public final class ReloadingSslContext implements Supplier<SslContext>, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ReloadingSslContext.class);

    /** Spring Boot's default quiet period for reloaded SSL bundles; the same here, so both sides behave alike. */
    public static final Duration DEFAULT_QUIET = Duration.ofSeconds(1);
    public static final Duration DEFAULT_POLL = Duration.ofMillis(250);

    /** Builds the context from the files; called once at start and after every settled change. */
    @FunctionalInterface
    public interface Factory {
        SslContext build() throws IOException, GeneralSecurityException;
    }

    /** A certificate file and the private key file that must belong to it. */
    public record KeyPairFiles(Path certificate, Path privateKey) {}

    /** A certificate the context presents, as it was when the context was built. */
    public record Presented(String subject, BigInteger serial, Instant notAfter) {
        @Override
        public String toString() {
            return subject + " serial " + serial.toString(16) + " until " + notAfter;
        }
    }

    /** A built context and what it presents: swapped together, so the two always describe the same files. */
    private record Loaded(SslContext context, List<Presented> presenting) {}

    private final String name;
    private final Factory factory;
    private final List<KeyPairFiles> pairs;
    private final List<Path> files;
    private final long quietNanos;
    private final AtomicReference<Loaded> current = new AtomicReference<>();
    private final ScheduledExecutorService poller;
    private volatile String loaded;
    private String pending;
    private long pendingSince;
    private volatile long reloads;

    private ReloadingSslContext(String name, Factory factory, List<KeyPairFiles> pairs, List<Path> others,
                                Duration poll, Duration quiet) throws IOException, GeneralSecurityException {
        this.name = name;
        this.factory = factory;
        this.pairs = List.copyOf(pairs);
        List<Path> all = new ArrayList<>();
        pairs.forEach(p -> {
            all.add(p.certificate());
            all.add(p.privateKey());
        });
        all.addAll(others);
        this.files = List.copyOf(all);
        this.quietNanos = quiet.toNanos();
        String fingerprint = fingerprint();
        current.set(load());
        loaded = fingerprint;
        poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tls-reload-" + name);
            t.setDaemon(true);
            return t;
        });
        poller.scheduleWithFixedDelay(this::poll, poll.toMillis(), poll.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Builds the first context now (a failure here is a start-up failure) and follows the files from then on.
     *
     * @param pairs  certificate/key files checked to belong together before a reload is accepted
     * @param others further files the context reads (trusted CAs)
     */
    public static ReloadingSslContext watch(String name, Factory factory, List<KeyPairFiles> pairs, List<Path> others,
                                            Duration poll, Duration quiet) throws IOException, GeneralSecurityException {
        return new ReloadingSslContext(name, factory, pairs, others, poll, quiet);
    }

    public static ReloadingSslContext watch(String name, Factory factory, List<KeyPairFiles> pairs, List<Path> others)
            throws IOException, GeneralSecurityException {
        return watch(name, factory, pairs, others, DEFAULT_POLL, DEFAULT_QUIET);
    }

    /** The context for a connection starting now. */
    @Override
    public SslContext get() {
        return current.get().context();
    }

    /** The context's name, as its log lines and the edge's admin API call it. */
    public String name() {
        return name;
    }

    /** The certificates a connection starting now presents (none for a context that only trusts). */
    public List<Presented> presenting() {
        return current.get().presenting();
    }

    /** How many times the files were reloaded since start. */
    public long reloads() {
        return reloads;
    }

    @Override
    public void close() {
        poller.shutdownNow();
    }

    private void poll() {
        try {
            String now = fingerprint();
            if (now == null || now.equals(loaded)) {
                pending = null;
                return;
            }
            long t = System.nanoTime();
            if (!now.equals(pending)) {
                pending = now;
                pendingSince = t;
                return;
            }
            if (t - pendingSince < quietNanos) {
                return;
            }
            pending = null;
            // Whatever happens, this content has been dealt with: a bad one is not retried until the files change.
            loaded = now;
            Loaded next = load();
            current.set(next);
            reloads++;
            log.info("TLS {}: reloaded from {} (now presenting {})", name, files, describe(next.presenting()));
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            log.warn("TLS {}: the changed files cannot be used, keeping the previous ones: {}", name, e.toString());
        }
    }

    private Loaded load() throws IOException, GeneralSecurityException {
        List<Presented> presenting = new ArrayList<>();
        for (KeyPairFiles pair : pairs) {
            X509Certificate certificate = requireMatch(pair);
            presenting.add(new Presented(certificate.getSubjectX500Principal().getName(), certificate.getSerialNumber(),
                    certificate.getNotAfter().toInstant()));
        }
        return new Loaded(Objects.requireNonNull(factory.build(), "factory returned no context"), List.copyOf(presenting));
    }

    private static String describe(List<Presented> presenting) {
        return presenting.stream().map(Presented::toString).collect(Collectors.joining(", "));
    }

    /** A digest of every file's content; null while one of them cannot be read (being replaced). */
    private String fingerprint() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Path file : files) {
                byte[] content = Files.readAllBytes(file);
                digest.update(content);
                digest.update((byte) 0);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            return null;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final Pattern PKCS8 = Pattern.compile(
            "-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");

    /**
     * The private key signs a challenge that the certificate's public key verifies: a certificate swapped in with
     * somebody else's key would otherwise fail every handshake. Only PKCS#8 keys are checked (what Citadel writes);
     * other encodings are left to the TLS library.
     */
    static X509Certificate requireMatch(KeyPairFiles pair) throws IOException, GeneralSecurityException {
        X509Certificate certificate = certificate(pair.certificate());
        Matcher m = PKCS8.matcher(Files.readString(pair.privateKey()));
        if (!m.find()) {
            return certificate;
        }
        byte[] der = Base64.getMimeDecoder().decode(m.group(1));
        String algorithm = certificate.getPublicKey().getAlgorithm();
        PrivateKey key = KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
        String scheme = switch (algorithm) {
            case "EC" -> "SHA256withECDSA";
            case "RSA" -> "SHA256withRSA";
            default -> algorithm; // Ed25519, Ed448
        };
        byte[] challenge = new byte[32];
        new SecureRandom().nextBytes(challenge);
        Signature signer = Signature.getInstance(scheme);
        signer.initSign(key);
        signer.update(challenge);
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance(scheme);
        verifier.initVerify(certificate.getPublicKey());
        verifier.update(challenge);
        if (!verifier.verify(signature)) {
            throw new GeneralSecurityException(pair.privateKey() + " is not the key of " + pair.certificate());
        }
        return certificate;
    }

    private static X509Certificate certificate(Path file) throws IOException, GeneralSecurityException {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(file)));
    }
}
