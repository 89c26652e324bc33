package dev.citadel.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The "private link": origins accept only the edge's certificate, and the edge accepts only the right origin. */
class OriginMtlsIT {
    @TempDir
    Path dir;

    @Test
    void anOriginRefusesAClientWithoutTheEdgesCertificate() throws Exception {
        TestPki pki = new TestPki(dir);
        try (TestOrigin origin = new TestOrigin(pki, "stamp-a", "stamp-a.stamp.test").start()) {
            assertThatThrownBy(() -> {
                try (SSLSocket s = (SSLSocket) pki.clientContext(null).getSocketFactory()
                        .createSocket("127.0.0.1", origin.port())) {
                    s.setSoTimeout(10_000);
                    s.startHandshake();
                    s.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    s.getOutputStream().flush();
                    if (s.getInputStream().read() == -1) {
                        throw new IOException("closed without an answer");
                    }
                }
            }).isInstanceOf(IOException.class);
            assertThat(origin.received).isEmpty();
        }
    }

    @Test
    void theEdgeRefusesAnOriginWhoseCertificateDoesNotNameTheExpectedServer() throws Exception {
        TestPki pki = new TestPki(dir);
        try (TestOrigin impostor = new TestOrigin(pki, "impostor", "impostor.stamp.test").start()) {
            String origin = impostor.originYaml(50, 1).replace("tlsServerName: impostor.stamp.test",
                    "tlsServerName: stamp-a.stamp.test");
            try (EdgeFixture fx = new EdgeFixture(pki, EdgeFixture.singleGroup(origin), "")) {
                HttpResponse<String> res = fx.get("/api/secret");
                assertThat(res.statusCode()).isEqualTo(503);
                assertThat(res.headers().firstValue("Retry-After")).isPresent();
                assertThat(impostor.received).isEmpty();
                assertThat(fx.edge.registry().health("impostor").healthy()).isFalse();
                assertThat(fx.edge.metrics().scrape()).containsPattern(
                        "edge_tls_handshake_failures_total\\{listener=\"origin\"} [1-9]");
            }
        }
    }
}
