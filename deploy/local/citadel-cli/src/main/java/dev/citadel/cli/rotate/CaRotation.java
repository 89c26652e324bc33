package dev.citadel.cli.rotate;

import dev.citadel.platform.pki.CertificateAuthority;
import dev.citadel.platform.pki.CertificateProfile;
import dev.citadel.platform.pki.IssuedCertificate;
import dev.citadel.platform.pki.Pem;
import dev.citadel.platform.pki.SecureFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.UserPrincipal;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Replaces a certificate authority online. Its consumers (servers that check client certificates it issued) read
 * the CAs they trust from PEM files they follow on their own; its leaves are reissued in place and followed by
 * their holders. The steps keep one invariant, which is why no handshake is refused: every leaf in use chains to a
 * CA that every consumer trusts at that moment.
 * <ol>
 *   <li><b>issue</b> the new CA into {@code <ca>.next/} beside the current one (a rerun reuses it);</li>
 *   <li><b>trust both</b>: every trust file lists old and new; wait until every consumer accepts a leaf of the
 *   new CA;</li>
 *   <li><b>reissue</b> every leaf from the new CA; wait until every holder uses its new one;</li>
 *   <li><b>overlap</b>: both stay trusted this long (connections opened before finish their work);</li>
 *   <li><b>trust only the new</b>: wait until every consumer refuses a leaf of the old CA and still accepts the
 *   new one;</li>
 *   <li><b>retire</b>: the new CA takes the old one's directory, the old one (and its key) is deleted.</li>
 * </ol>
 * Interrupted (a consumer or holder that does not follow in time), it ends in {@link ApiKeyRotation.Incomplete}
 * with the old CA still trusted everywhere it was; running it again completes the rotation with the same new CA.
 */
public final class CaRotation {

    /** How long a consumer may take to follow its trust file, and a holder its new certificate. */
    public static final Duration FOLLOW_TIMEOUT = Duration.ofSeconds(60);

    /** What a consumer does with a client certificate in a fresh handshake. */
    public enum Verdict { ACCEPTED, REFUSED, UNREACHABLE }

    /** A server that checks this CA's leaves: the verdict of a fresh handshake presenting {@code leaf}. */
    public interface Consumer {
        String name();

        Verdict verdict(IssuedCertificate leaf) throws InterruptedException;
    }

    /**
     * A certificate this CA issued, and who holds it.
     *
     * @param reissue writes a new key and certificate from the given CA in place of the current ones
     * @param inUse   whether the holder uses the certificate with this serial now (for new connections)
     */
    public record Leaf(String holder, Function<CertificateAuthority, X509Certificate> reissue, InUse inUse) {}

    /** Whether a holder uses the certificate with this serial now; probed, so it may block. */
    public interface InUse {
        boolean uses(BigInteger serial) throws InterruptedException;
    }

    private final Path caDir;
    private final String caName;
    private final String probeLeaf;
    private final List<Path> trustFiles;
    private final List<Consumer> consumers;
    private final List<Leaf> leaves;
    private final Duration overlap;
    private final RotationSteps steps;
    private final PrintWriter out;

    /**
     * @param caDir      the CA's directory ({@code ca.crt}, {@code ca.key}); the new one is prepared beside it
     * @param caName     the new CA's subject CN
     * @param trustFiles every PEM file a consumer reads the CAs it trusts from
     * @param probeLeaf  the CN a consumer is shown (a leaf it would accept when issued by a trusted CA)
     */
    public CaRotation(String command, Path caDir, String caName, List<Path> trustFiles, List<Consumer> consumers,
                      List<Leaf> leaves, String probeLeaf, Duration overlap, Duration followTimeout, PrintWriter out) {
        this.caDir = caDir;
        this.caName = caName;
        this.trustFiles = List.copyOf(trustFiles);
        this.consumers = List.copyOf(consumers);
        this.leaves = List.copyOf(leaves);
        this.probeLeaf = probeLeaf;
        this.overlap = overlap;
        this.out = out;
        this.steps = new RotationSteps(command, "the previous CA is still trusted wherever it was",
                followTimeout, out);
    }

    /** The new CA's directory while a rotation is pending. */
    public static Path pending(Path caDir) {
        return caDir.resolveSibling(caDir.getFileName() + ".next");
    }

    private static Path retired(Path caDir) {
        return caDir.resolveSibling(caDir.getFileName() + ".retired");
    }

    /** @return each step's duration */
    public Map<String, Duration> run() throws InterruptedException {
        long t = steps.begin();
        if (finishRetirement()) {
            steps.step("retire", t, "an interrupted retirement finished: " + caDir.getFileName()
                    + " holds the new CA");
            steps.say("rotation complete");
            return steps.durations();
        }
        boolean resumed = Files.exists(pending(caDir).resolve("ca.crt"));
        CertificateAuthority old = CertificateAuthority.loadOrCreate(caDir, caName);
        CertificateAuthority next = CertificateAuthority.loadOrCreate(pending(caDir), caName);
        steps.step("issue", t, (resumed ? "pending CA resumed" : "new CA issued") + ": serial "
                + next.certificate().getSerialNumber().toString(16) + ", valid until "
                + next.certificate().getNotAfter().toInstant() + " (kept in " + pending(caDir).getFileName() + ")");

        t = steps.begin();
        writeTrust(List.of(old.certificate(), next.certificate()));
        IssuedCertificate fromNew = probe(next);
        for (Consumer consumer : consumers) {
            steps.await(consumer.name(), "accept a certificate of the new CA",
                    () -> consumer.verdict(fromNew) == Verdict.ACCEPTED);
        }
        steps.step("trust both", t, trustFiles.size() + " trust file(s) list old and new; " + consumers.size()
                + " consumer(s) accept the new CA");

        t = steps.begin();
        for (Leaf leaf : leaves) {
            BigInteger serial = leaf.reissue().apply(next).getSerialNumber();
            steps.await(leaf.holder(), "use its certificate from the new CA", () -> leaf.inUse().uses(serial));
        }
        steps.step("reissue", t, leaves.size() + " certificate(s) reissued from the new CA and in use");

        t = steps.begin();
        Thread.sleep(overlap.toMillis());
        steps.step("overlap", t, "overlap over");

        t = steps.begin();
        writeTrust(List.of(next.certificate()));
        IssuedCertificate fromOld = probe(old);
        for (Consumer consumer : consumers) {
            steps.await(consumer.name(), "refuse a certificate of the old CA",
                    () -> consumer.verdict(fromOld) == Verdict.REFUSED
                            && consumer.verdict(fromNew) == Verdict.ACCEPTED);
        }
        steps.step("trust only the new", t, consumers.size() + " consumer(s) refuse the old CA");

        t = steps.begin();
        retire();
        steps.step("retire", t, "the old CA and its key deleted; " + caDir.getFileName() + " holds the new one");
        steps.say("rotation complete");
        return steps.durations();
    }

    private IssuedCertificate probe(CertificateAuthority ca) {
        return ca.issue(probeLeaf, CertificateProfile.CLIENT, List.of(), List.of());
    }

    private void writeTrust(List<X509Certificate> cas) {
        StringBuilder pem = new StringBuilder();
        cas.forEach(ca -> pem.append(Pem.certificate(ca)));
        for (Path file : trustFiles) {
            writeKeepingOwner(file, pem.toString());
        }
    }

    /**
     * A consumer running under its own account owns its trust file and must still read the new one; the file is
     * replaced atomically, and given back to that owner at once.
     */
    static void writeKeepingOwner(Path file, String content) {
        try {
            UserPrincipal owner = Files.exists(file) ? Files.getOwner(file) : Files.getOwner(file.getParent());
            SecureFiles.write(file, content);
            if (!Files.getOwner(file).equals(owner)) {
                Files.setOwner(file, owner);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the trust file " + file, e);
        }
    }

    /**
     * Two renames, so that at every moment either {@code caDir} or the pending directory holds the new CA: the
     * old goes aside, the new takes its place, the old is deleted. A crash in between is finished by the next run.
     */
    private void retire() {
        try {
            Files.move(caDir, retired(caDir), StandardCopyOption.ATOMIC_MOVE);
            Files.move(pending(caDir), caDir, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot put the new CA in place of " + caDir, e);
        }
        finishRetirement();
    }

    /** @return whether a rotation interrupted between the two renames was completed now */
    private boolean finishRetirement() {
        try {
            boolean halfway = !Files.exists(caDir) && Files.exists(pending(caDir));
            if (halfway) {
                Files.move(pending(caDir), caDir, StandardCopyOption.ATOMIC_MOVE);
            }
            Path retired = retired(caDir);
            if (Files.exists(retired) && Files.exists(caDir)) {
                try (Stream<Path> all = Files.walk(retired)) {
                    for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(p);
                    }
                }
            }
            return halfway;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot finish retiring the old CA in " + caDir.getParent(), e);
        }
    }
}
