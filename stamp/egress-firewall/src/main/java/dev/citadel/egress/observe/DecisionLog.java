package dev.citadel.egress.observe;

import java.net.InetAddress;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Formats one decision as one JSON line and hands it to the {@code egress.decisions} logger, whose rolling file
 * {@link DecisionLogAppender} sets up. Only the fields below are ever written: no header, so never a credential.
 */
public final class DecisionLog {
    public static final String LOGGER = "egress.decisions";
    private static final Logger DECISIONS = LoggerFactory.getLogger(LOGGER);

    /** One finished exchange. {@code host}, {@code method} are client-supplied and escaped. */
    public record Line(Instant time, String stamp, String source, String client, String method, String host,
                       int port, List<InetAddress> resolved, String decision, String reason, int status,
                       long durationMs, long bytesFromClient, long bytesToClient, String upstreamFailure) {}

    private final Consumer<String> sink;

    public DecisionLog(Consumer<String> sink) {
        this.sink = sink;
    }

    public static DecisionLog toLogger() {
        return new DecisionLog(DECISIONS::info);
    }

    public void write(Line l) {
        sink.accept(format(l));
    }

    static String format(Line l) {
        StringBuilder b = new StringBuilder(320).append('{');
        field(b, "time", l.time().toString()).append(',');
        field(b, "stamp", l.stamp()).append(',');
        field(b, "source", l.source()).append(',');
        field(b, "client", l.client()).append(',');
        field(b, "method", l.method()).append(',');
        field(b, "host", l.host()).append(',');
        b.append("\"port\":").append(l.port()).append(",\"resolved\":[");
        for (int i = 0; i < l.resolved().size(); i++) {
            b.append(i == 0 ? "" : ",").append('"').append(l.resolved().get(i).getHostAddress()).append('"');
        }
        b.append("],");
        field(b, "decision", l.decision()).append(',');
        field(b, "reason", l.reason()).append(',');
        b.append("\"status\":").append(l.status()).append(",\"durationMs\":").append(l.durationMs())
                .append(",\"bytesFromClient\":").append(l.bytesFromClient())
                .append(",\"bytesToClient\":").append(l.bytesToClient());
        if (l.upstreamFailure() != null) {
            b.append(',');
            field(b, "upstreamFailure", l.upstreamFailure());
        }
        return b.append('}').toString();
    }

    private static StringBuilder field(StringBuilder b, String name, String value) {
        b.append('"').append(name).append("\":");
        if (value == null) {
            return b.append("null");
        }
        b.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20 || c > 0x7e) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"');
    }
}
