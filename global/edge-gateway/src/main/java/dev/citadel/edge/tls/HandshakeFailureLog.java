package dev.citadel.edge.tls;

import dev.citadel.edge.observe.EdgeMetrics;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.ssl.NotSslRecordException;
import java.net.SocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Failed TLS handshakes (scanners, expired or foreign certificates, plain HTTP on the TLS port, origins with a
 * wrong name): every one is counted in {@code edge_tls_handshake_failures_total{listener}}, and logged as ONE line
 * (listener, peer, reason; never a stack trace) at most {@code linesPerSecond} times a second. Beyond that lines
 * are suppressed, and the next line that is written is preceded by {@code suppressed K}, so a handshake flood
 * costs a counter increment per connection, not a disk full of traces.
 */
public final class HandshakeFailureLog {
    public static final int DEFAULT_LINES_PER_SECOND = 10;
    private static final Logger log = LoggerFactory.getLogger(HandshakeFailureLog.class);
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    private final EdgeMetrics metrics;
    private final int linesPerSecond;
    private final LongSupplier nanoClock;
    private final Consumer<String> sink;
    private long window = Long.MIN_VALUE;
    private int linesInWindow;
    private long suppressed;

    public HandshakeFailureLog(EdgeMetrics metrics, int linesPerSecond, LongSupplier nanoClock, Consumer<String> sink) {
        this.metrics = metrics;
        this.linesPerSecond = linesPerSecond;
        this.nanoClock = nanoClock;
        this.sink = sink;
    }

    /** The production log: WARN lines on this class's logger, {@link #DEFAULT_LINES_PER_SECOND}. */
    public static HandshakeFailureLog toLogger(EdgeMetrics metrics) {
        return new HandshakeFailureLog(metrics, DEFAULT_LINES_PER_SECOND, System::nanoTime, log::warn);
    }

    /** @param listener {@code public}, {@code management} or {@code origin} (the edge's own client side) */
    public void record(String listener, SocketAddress peer, Throwable cause) {
        metrics.tlsHandshakeFailure(listener);
        String line;
        String summary = null;
        synchronized (this) { // event loops share it; only failing handshakes get here
            long now = Math.floorDiv(nanoClock.getAsLong(), SECOND);
            if (now != window) {
                window = now;
                linesInWindow = 0;
            }
            if (linesInWindow >= linesPerSecond) {
                suppressed++;
                return;
            }
            linesInWindow++;
            if (suppressed > 0) {
                summary = "tls handshake failures: suppressed " + suppressed + " lines (over " + linesPerSecond
                        + "/s; all are counted in edge_tls_handshake_failures_total)";
                suppressed = 0;
            }
            line = "tls handshake failed: listener=" + listener + " peer=" + peer + " reason=" + reason(cause);
        }
        if (summary != null) {
            sink.accept(summary);
        }
        sink.accept(line);
    }

    /**
     * One short line: the exception's kind and first message line, plus its root cause when there is one (the TLS
     * engines wrap the telling part, e.g. a certificate name mismatch, in a generic "engine problem"); never a
     * stack trace or a hex dump of the bytes received.
     */
    static String reason(Throwable cause) {
        Throwable c = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
        if (c instanceof NotSslRecordException) {
            return "not a TLS record (plain text or garbage on a TLS port)";
        }
        Throwable root = c;
        for (int depth = 0; root.getCause() != null && root.getCause() != root && depth < 10; depth++) {
            root = root.getCause();
        }
        String text = describe(c) + (root == c ? "" : " / " + describe(root));
        text = text.replaceAll("\\p{Cntrl}", "?");
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }

    private static String describe(Throwable t) {
        String message = t.getMessage() == null ? "" : t.getMessage().lines().findFirst().orElse("");
        return t.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
    }
}
