package dev.citadel.cli.rotate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.citadel.platform.pki.CertificateAuthority;
import dev.citadel.platform.pki.CertificateProfile;
import dev.citadel.platform.pki.IssuedCertificate;
import dev.citadel.platform.pki.Pem;
import dev.citadel.platform.pki.SecureFiles;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaRotationTest {

    @TempDir
    Path dir;

    private Path caDir;
    private X509Certificate originalCa;
    /** What the holder uses for new connections now, and what its files hold. */
    private volatile X509Certificate inUse;
    private volatile X509Certificate onDisk;
    private int holderLag;
    private final List<String> violations = new CopyOnWriteArrayList<>();
    private final List<FollowingConsumer> consumers = new ArrayList<>();

    @BeforeEach
    void installation() {
        caDir = dir.resolve("pki/edge-ca");
        CertificateAuthority ca = CertificateAuthority.loadOrCreate(caDir, "test edge CA");
        originalCa = ca.certificate();
        inUse = onDisk = ca.issue("edge", CertificateProfile.CLIENT, List.of(), List.of()).certificate();
        for (String name : List.of("catalog-api", "web-ui")) {
            Path file = dir.resolve(name + "/edge-ca.crt");
            SecureFiles.ownerOnlyDirectory(file.getParent());
            SecureFiles.write(file, Pem.certificate(originalCa));
            consumers.add(new FollowingConsumer(name, file, 2));
        }
    }

    /**
     * A server that reloads its trust file a few probes after it changed (like a bundle's quiet period), and checks
     * on every probe the property the rotation must keep: the holder's certificate in use chains to a CA that every
     * consumer trusts right now.
     */
    private final class FollowingConsumer implements CaRotation.Consumer {
        private final String name;
        private final Path file;
        private final int lag;
        private volatile Set<X509Certificate> trusted;
        private String seen;
        private int probesUntilReload;
        boolean stuck;

        FollowingConsumer(String name, Path file, int lag) {
            this.name = name;
            this.file = file;
            this.lag = lag;
            this.trusted = read(file);
            this.seen = content(file);
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public CaRotation.Verdict verdict(IssuedCertificate leaf) {
            String now = content(file);
            if (!now.equals(seen) && !stuck) {
                if (probesUntilReload == 0) {
                    probesUntilReload = lag;
                }
                if (--probesUntilReload == 0) {
                    trusted = read(file);
                    seen = now;
                }
            }
            checkInvariant();
            return trusted.contains(leaf.caCertificate()) ? CaRotation.Verdict.ACCEPTED : CaRotation.Verdict.REFUSED;
        }
    }

    private void checkInvariant() {
        for (FollowingConsumer c : consumers) {
            boolean trusted = c.trusted.stream().anyMatch(ca -> ca.getSubjectX500Principal()
                    .equals(inUse.getIssuerX500Principal()) && verifies(inUse, ca));
            if (!trusted) {
                violations.add(c.name + " would refuse the certificate in use " + inUse.getSerialNumber());
            }
        }
    }

    private static boolean verifies(X509Certificate leaf, X509Certificate ca) {
        try {
            leaf.verify(ca.getPublicKey());
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    private CaRotation.Leaf holder() {
        return new CaRotation.Leaf("edge", ca -> {
            onDisk = ca.issue("edge", CertificateProfile.CLIENT, List.of(), List.of()).certificate();
            holderLag = 2;
            return onDisk;
        }, serial -> {
            if (holderLag-- <= 0) {
                inUse = onDisk;
            }
            checkInvariant();
            return inUse.getSerialNumber().equals(serial);
        });
    }

    private CaRotation rotation(StringWriter text, Duration timeout) {
        return new CaRotation("edge-ca", caDir, "test edge CA",
                consumers.stream().map(c -> c.file).toList(), List.copyOf(consumers), List.of(holder()), "edge",
                Duration.ofMillis(50), timeout, new PrintWriter(text));
    }

    @Test
    void everyConsumerTrustsTheHoldersCertificateThroughoutAndEndsTrustingOnlyTheNewCa() throws Exception {
        StringWriter text = new StringWriter();
        var steps = rotation(text, Duration.ofSeconds(10)).run();

        assertThat(violations).isEmpty();
        assertThat(steps).containsKeys("issue", "trust both", "reissue", "overlap", "trust only the new", "retire");
        assertThat(steps.get("overlap")).isGreaterThanOrEqualTo(Duration.ofMillis(50));
        X509Certificate newCa = Pem.parseCertificate(Files.readString(caDir.resolve("ca.crt")));
        assertThat(newCa).isNotEqualTo(originalCa);
        assertThat(Files.exists(caDir.resolve("ca.key"))).isTrue();
        assertThat(Files.exists(CaRotation.pending(caDir))).as("pending CA directory").isFalse();
        try (var siblings = Files.list(caDir.getParent())) {
            assertThat(siblings.map(p -> p.getFileName().toString())).containsExactly("edge-ca");
        }
        for (FollowingConsumer c : consumers) {
            assertThat(read(c.file)).as(c.name + "'s trust file").containsExactly(newCa);
            assertThat(c.trusted).as(c.name + " trusts").containsExactly(newCa);
        }
        assertThat(inUse.getIssuerX500Principal()).isEqualTo(newCa.getSubjectX500Principal());
        assertThat(verifies(inUse, newCa)).isTrue();
        assertThat(text.toString()).contains("new CA issued", "accept the new CA", "refuse the old CA",
                "rotation complete");
    }

    @Test
    void aConsumerThatDoesNotFollowStopsTheRotationWithTheOldCaStillTrustedAndARerunCompletesIt() throws Exception {
        consumers.get(1).stuck = true;
        StringWriter text = new StringWriter();
        assertThatThrownBy(() -> rotation(text, Duration.ofMillis(600)).run())
                .isInstanceOf(ApiKeyRotation.Incomplete.class)
                .hasMessageContaining("web-ui did not accept a certificate of the new CA")
                .hasMessageContaining("citadel rotate edge-ca");
        X509Certificate pending = Pem.parseCertificate(Files.readString(CaRotation.pending(caDir).resolve("ca.crt")));
        assertThat(Pem.parseCertificate(Files.readString(caDir.resolve("ca.crt")))).isEqualTo(originalCa);
        assertThat(inUse.getIssuerX500Principal()).isEqualTo(originalCa.getSubjectX500Principal());
        for (FollowingConsumer c : consumers) {
            assertThat(read(c.file)).containsExactlyInAnyOrder(originalCa, pending);
        }

        consumers.get(1).stuck = false;
        rotation(new StringWriter(), Duration.ofSeconds(10)).run();

        assertThat(violations).isEmpty();
        assertThat(Pem.parseCertificate(Files.readString(caDir.resolve("ca.crt")))).as("the pending CA, reused")
                .isEqualTo(pending);
        for (FollowingConsumer c : consumers) {
            assertThat(c.trusted).containsExactly(pending);
        }
    }

    @Test
    void aRotationInterruptedBetweenItsTwoRenamesIsFinishedAndNotStartedAgain() throws Exception {
        CertificateAuthority next = CertificateAuthority.loadOrCreate(CaRotation.pending(caDir), "test edge CA");
        Files.move(caDir, caDir.resolveSibling("edge-ca.retired"));
        StringWriter text = new StringWriter();

        rotation(text, Duration.ofSeconds(10)).run();

        assertThat(Pem.parseCertificate(Files.readString(caDir.resolve("ca.crt")))).isEqualTo(next.certificate());
        try (var siblings = Files.list(caDir.getParent())) {
            assertThat(siblings.map(p -> p.getFileName().toString())).containsExactly("edge-ca");
        }
        assertThat(text.toString()).contains("interrupted retirement finished", "rotation complete")
                .doesNotContain("new CA issued");
    }

    private static String content(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Set<X509Certificate> read(Path file) {
        try {
            return CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(Files.readAllBytes(file))).stream()
                    .map(X509Certificate.class::cast).collect(Collectors.toSet());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
