package dev.citadel.cli.rotate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.citadel.platform.pki.CertificateAuthority;
import dev.citadel.platform.pki.CertificateProfile;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertificateRotationTest {

    @TempDir
    Path dir;

    private static final InetSocketAddress A1 = new InetSocketAddress("127.0.0.1", 1001);
    private static final InetSocketAddress A2 = new InetSocketAddress("127.0.0.1", 1002);
    private static final InetSocketAddress B1 = new InetSocketAddress("127.0.0.1", 2001);

    /** Listeners that present the previous serial for a few probes after their files change, then the new one. */
    private final Map<InetSocketAddress, BigInteger> presented = new ConcurrentHashMap<>();
    private final Map<InetSocketAddress, AtomicInteger> probesUntilReload = new ConcurrentHashMap<>();
    private final Map<InetSocketAddress, BigInteger> onDisk = new ConcurrentHashMap<>();

    private CertificateRotation.Target target(CertificateAuthority ca, String name, List<InetSocketAddress> listeners,
                                              int probesBeforeReload) {
        return new CertificateRotation.Target(name, () -> {
            X509Certificate c = ca.issue("server", CertificateProfile.SERVER, List.of(name), List.of()).certificate();
            listeners.forEach(l -> {
                onDisk.put(l, c.getSerialNumber());
                probesUntilReload.put(l, new AtomicInteger(probesBeforeReload));
            });
            return c;
        }, listeners);
    }

    private BigInteger probe(InetSocketAddress l) {
        if (probesUntilReload.get(l).getAndDecrement() <= 0) {
            presented.put(l, onDisk.get(l));
        }
        return presented.getOrDefault(l, BigInteger.ONE);
    }

    @Test
    void issuesEveryCertificateThenWaitsUntilEveryListenerPresentsItsNewOne() throws Exception {
        CertificateAuthority ca = CertificateAuthority.loadOrCreate(dir.resolve("ca"), "test CA");
        StringWriter text = new StringWriter();
        var followed = new CertificateRotation(List.of(target(ca, "a", List.of(A1, A2), 3), target(ca, "b", List.of(B1), 0)),
                this::probe, Duration.ofSeconds(10), new PrintWriter(text)).run();

        assertThat(followed).containsOnlyKeys("a", "b");
        assertThat(presented).containsAllEntriesOf(onDisk);
        assertThat(text.toString()).contains("a: new certificate", "b presents it on 1 listener(s)",
                "a presents it on 2 listener(s)", "rotation complete: 2 component(s)");
    }

    @Test
    void aServiceThatKeepsItsOldCertificateStopsTheRotationNamingIt() {
        CertificateAuthority ca = CertificateAuthority.loadOrCreate(dir.resolve("ca"), "test CA");
        assertThatThrownBy(() -> new CertificateRotation(List.of(target(ca, "stuck", List.of(A1), Integer.MAX_VALUE),
                target(ca, "fine", List.of(B1), 0)), this::probe, Duration.ofMillis(600),
                new PrintWriter(new StringWriter())).run())
                .isInstanceOf(ApiKeyRotation.Incomplete.class).hasMessageContaining("[stuck]");
    }
}
