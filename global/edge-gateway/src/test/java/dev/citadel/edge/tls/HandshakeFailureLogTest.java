package dev.citadel.edge.tls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.citadel.edge.observe.EdgeMetrics;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.ssl.NotSslRecordException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

class HandshakeFailureLogTest {
    private final EdgeMetrics metrics = new EdgeMetrics();
    private final AtomicLong clock = new AtomicLong(TimeUnit.SECONDS.toNanos(1000));
    private final List<String> lines = new ArrayList<>();
    private final HandshakeFailureLog log = new HandshakeFailureLog(metrics, 2, clock::get, lines::add);
    private final InetSocketAddress peer = new InetSocketAddress("203.0.113.7", 40000);

    @Test
    void writesAtMostNLinesASecondThenSaysHowManyItSuppressedAndCountsEveryFailure() {
        for (int i = 0; i < 5; i++) {
            log.record("public", peer, new SSLHandshakeException("Received fatal alert: certificate_unknown"));
        }
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).isEqualTo("tls handshake failed: listener=public peer=/203.0.113.7:40000"
                + " reason=SSLHandshakeException: Received fatal alert: certificate_unknown");
        clock.addAndGet(TimeUnit.SECONDS.toNanos(1));
        log.record("management", peer, new SSLHandshakeException("Empty client certificate chain"));
        assertThat(lines).hasSize(4);
        assertThat(lines.get(2)).startsWith("tls handshake failures: suppressed 3 lines");
        assertThat(lines.get(3)).contains("listener=management");
        assertThat(metrics.scrape()).contains("edge_tls_handshake_failures_total{listener=\"public\"} 5.0")
                .contains("edge_tls_handshake_failures_total{listener=\"management\"} 1.0");
    }

    @Test
    void theReasonIsOneShortLineWithoutTheBytesOrATrace() {
        String reason = HandshakeFailureLog.reason(new DecoderException(
                new NotSslRecordException("not an SSL/TLS record: 474554202f20485454502f312e310d0a")));
        assertThat(reason).isEqualTo("not a TLS record (plain text or garbage on a TLS port)");
        String multi = HandshakeFailureLog.reason(new SSLHandshakeException("first line\n\tat x.y.Z(Z.java:1)"));
        assertThat(multi).isEqualTo("SSLHandshakeException: first line");
        assertThat(HandshakeFailureLog.reason(new SSLHandshakeException("x".repeat(500)))).hasSizeLessThan(210);
        SSLHandshakeException wrapped = new SSLHandshakeException("General OpenSslEngine problem");
        wrapped.initCause(new java.security.cert.CertificateException("No name matching stamp-a.stamp.test found"));
        assertThat(HandshakeFailureLog.reason(wrapped)).isEqualTo("SSLHandshakeException: General OpenSslEngine"
                + " problem / CertificateException: No name matching stamp-a.stamp.test found");
    }
}
