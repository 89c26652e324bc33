package dev.citadel.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.citadel.platform.pki.CertificateProfile;
import dev.citadel.platform.pki.IssuedCertificate;
import java.math.BigInteger;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The edge's certificates replaced on disk while it serves: new handshakes on the public and management listeners
 * see the new server certificate, the origins are sent requests only over connections with the new client
 * certificate (pooled ones opened before are closed, not reused), and not one request fails meanwhile — no restart.
 */
class CertificateReloadIT {
    @TempDir
    Path dir;

    private static BigInteger presentedSerial(SSLContext context, int port) {
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port)) {
            socket.setSoTimeout(3000);
            socket.startHandshake();
            BigInteger serial = ((X509Certificate) socket.getSession().getPeerCertificates()[0]).getSerialNumber();
            socket.getSession().invalidate();
            return serial;
        } catch (Exception e) {
            return null;
        }
    }

    @Test
    void replacedFilesAreUsedByNewConnectionsWithoutAFailedRequest() throws Exception {
        TestPki pki = new TestPki(dir);
        try (TestOrigin origin = new TestOrigin(pki, "stamp-a", "stamp-a.stamp.test").start();
             TestOrigin other = new TestOrigin(pki, "stamp-b", "stamp-b.stamp.test").start();
             EdgeFixture fx = new EdgeFixture(pki, EdgeFixture.singleGroup(origin.originYaml(50, 1)
                     + other.originYaml(50, 1)), "")) {
            SSLContext anonymous = pki.clientContext(null);
            SSLContext operator = pki.clientContext(pki.operator);
            int publicPort = fx.edge.httpsPort();
            int adminPort = fx.edge.adminPort();
            assertThat(presentedSerial(anonymous, publicPort)).isEqualTo(pki.edgeServer.certificate().getSerialNumber());
            await().atMost(Duration.ofSeconds(10)).until(() -> fx.get("/api/before").statusCode() == 200
                    && !origin.received.isEmpty());
            assertThat(origin.received.peek().clientCertSubject()).contains("CN=edge-client");

            AtomicBoolean running = new AtomicBoolean(true);
            AtomicInteger ok = new AtomicInteger();
            Queue<String> failures = new ConcurrentLinkedQueue<>();
            Thread load = new Thread(() -> {
                while (running.get()) {
                    try {
                        HttpResponse<String> r = fx.get("/api/during");
                        if (r.statusCode() == 200) {
                            ok.incrementAndGet();
                        } else {
                            failures.add("HTTP " + r.statusCode());
                        }
                    } catch (Exception e) {
                        failures.add(e.toString());
                    }
                }
            });
            load.start();

            IssuedCertificate server = pki.citadelCa.issue("edge", CertificateProfile.SERVER, List.of(TestPki.EDGE_HOST),
                    List.of("127.0.0.1"));
            IssuedCertificate client = pki.citadelCa.issue("edge-client-next", CertificateProfile.CLIENT, List.of(),
                    List.of());
            server.writePem(dir.resolve("edge.crt"), dir.resolve("edge.key"), dir.resolve("citadel-ca.crt"));
            client.writePem(dir.resolve("edge-client.crt"), dir.resolve("edge-client.key"), dir.resolve("unused.crt"));

            BigInteger next = server.certificate().getSerialNumber();
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                    .until(() -> next.equals(presentedSerial(anonymous, publicPort)));
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                    .until(() -> next.equals(presentedSerial(operator, adminPort)));

            // Pooled origin connections opened with the previous certificate are closed instead of reused: both
            // origins see the new one on their next requests, without a restart of either.
            for (TestOrigin o : List.of(origin, other)) {
                await().atMost(Duration.ofSeconds(20)).until(() -> o.received.stream()
                        .anyMatch(r -> r.clientCertSubject().contains("CN=edge-client-next")));
            }
            int okAfter = ok.get();
            await().atMost(Duration.ofSeconds(10)).until(() -> ok.get() > okAfter + 20);
            running.set(false);
            load.join(30_000);

            for (TestOrigin o : List.of(origin, other)) {
                List<String> afterSwap = o.received.stream().map(TestOrigin.Received::clientCertSubject).toList();
                assertThat(afterSwap.get(afterSwap.size() - 1)).contains("CN=edge-client-next");
            }
            assertThat(failures).as("requests while the certificates were replaced")
                    .isEmpty();
            assertThat(ok.get()).isGreaterThan(20);
        }
    }
}
