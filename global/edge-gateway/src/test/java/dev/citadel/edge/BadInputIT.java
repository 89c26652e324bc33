package dev.citadel.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import javax.net.ssl.SSLSocket;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every kind of bad input, written as raw bytes over TLS, is refused cleanly while the edge keeps serving. */
class BadInputIT {
    @TempDir
    static Path dir;
    static TestPki pki;
    static TestOrigin origin;
    static EdgeFixture fx;

    @BeforeAll
    static void start() throws Exception {
        pki = new TestPki(dir);
        origin = new TestOrigin(pki, "stamp-a", "stamp-a.stamp.test").start();
        fx = new EdgeFixture(pki, EdgeFixture.singleGroup(origin.originYaml(50, 1)),
                "limits: {maxInitialLineBytes: 256, maxHeaderBytes: 1024, maxHeaderCount: 20, maxBodyBytes: 1024,"
                        + " clientIdleSeconds: 3, requestDeadlineSeconds: 1}\n");
    }

    @AfterAll
    static void stop() {
        fx.close();
        origin.close();
    }

    private SSLSocket connect() throws Exception {
        SSLSocket s = (SSLSocket) pki.clientContext(null).getSocketFactory().createSocket("127.0.0.1",
                fx.edge.httpsPort());
        s.setSoTimeout(15_000);
        s.startHandshake();
        return s;
    }

    /** Sends raw bytes and returns everything the edge answers until it closes the connection. */
    private String exchange(String raw) throws Exception {
        try (SSLSocket s = connect()) {
            s.getOutputStream().write(raw.getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
            return readAll(s.getInputStream());
        }
    }

    private static String readAll(InputStream in) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[4096];
        int n;
        try {
            while ((n = in.read(buf)) > 0) {
                out.write(buf, 0, n);
            }
        } catch (java.net.SocketException e) {
            // reset after close: what was read so far is the answer
        }
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    @Test
    void refusesAMalformedRequestLineWith400AndCloses() throws Exception {
        String res = exchange("GARBAGE\r\n\r\n");
        assertThat(res).startsWith("HTTP/1.1 400").contains("application/problem+json")
                .contains("malformed-request").doesNotContain("Exception");
    }

    @Test
    void refusesAnOverlongRequestLineWith414() throws Exception {
        assertThat(exchange("GET /" + "a".repeat(400) + " HTTP/1.1\r\nHost: x\r\n\r\n")).startsWith("HTTP/1.1 414");
    }

    @Test
    void refusesOversizedHeadersWith431() throws Exception {
        assertThat(exchange("GET /api/x HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(2000) + "\r\n\r\n"))
                .startsWith("HTTP/1.1 431").contains("headers-too-large");
    }

    @Test
    void refusesAbsurdHeaderCountsWith431() throws Exception {
        StringBuilder req = new StringBuilder("GET /api/x HTTP/1.1\r\nHost: x\r\n");
        for (int i = 0; i < 30; i++) {
            req.append("X-H").append(i).append(": ").append(i).append("\r\n");
        }
        assertThat(exchange(req + "\r\n")).startsWith("HTTP/1.1 431").contains("too-many-headers");
    }

    @Test
    void refusesOversizedBodiesWith413() throws Exception {
        assertThat(exchange("POST /api/x HTTP/1.1\r\nHost: x\r\nContent-Length: 5000\r\n\r\n" + "x".repeat(5000)))
                .startsWith("HTTP/1.1 413").contains("body-too-large");
        assertThat(exchange("POST /api/x HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "800\r\n" + "y".repeat(2048) + "\r\n0\r\n\r\n")).startsWith("HTTP/1.1 413");
    }

    @Test
    void refusesBadChunkingWith400() throws Exception {
        assertThat(exchange("POST /api/x HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nZZ\r\nabc\r\n0\r\n\r\n"))
                .startsWith("HTTP/1.1 400");
    }

    @Test
    void closesASlowlorisClientWithoutAnswerWhileServingOthers() throws Exception {
        try (SSLSocket s = connect()) {
            OutputStream out = s.getOutputStream();
            out.write("GET /api/slowloris HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            long start = System.nanoTime();
            boolean closed = false;
            s.setSoTimeout(250);
            for (int i = 0; i < 40 && !closed; i++) {
                try {
                    out.write(("X-" + i + ": 1\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    closed = s.getInputStream().read() == -1;
                } catch (SocketTimeoutException stillOpen) {
                    assertThat(fx.get("/api/others").statusCode()).isEqualTo(200);
                } catch (java.io.IOException reset) {
                    closed = true;
                }
            }
            assertThat(closed).as("closed by the edge").isTrue();
            assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(8_000);
        }
        assertThat(origin.received.stream().noneMatch(r -> r.uri().equals("/api/slowloris"))).isTrue();
    }

    @Test
    void keepsServingWellFormedRequestsOnTheSameConnection() throws Exception {
        try (SSLSocket s = connect()) {
            String two = "GET /api/one HTTP/1.1\r\nHost: x\r\n\r\nGET /api/two HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
            s.getOutputStream().write(two.getBytes(StandardCharsets.US_ASCII));
            String res = readAll(s.getInputStream());
            assertThat(res.split("HTTP/1.1 200", -1)).hasSize(3); // two pipelined answers, in order
        }
        assertThat(fx.get("/api/after").statusCode()).isEqualTo(200);
    }

    @Test
    void plainHttpOnTheTlsPortIsClosedAndCountedAsAFailedHandshake() throws Exception {
        try (Socket s = new Socket("127.0.0.1", fx.edge.httpsPort())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(s.getInputStream().read()).as("closed without an answer").isEqualTo(-1);
        }
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(fx.edge.metrics().scrape())
                        .containsPattern("edge_tls_handshake_failures_total\\{listener=\"public\"} [1-9]"));
        assertThat(fx.get("/api/after-garbage").statusCode()).isEqualTo(200);
    }
}
