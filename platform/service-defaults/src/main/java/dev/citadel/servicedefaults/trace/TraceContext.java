package dev.citadel.servicedefaults.trace;

import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * A W3C trace context (https://www.w3.org/TR/trace-context/): the trace id is the request's correlation id, and the
 * same trace continues into the Kafka record headers and the processor.
 *
 * @param traceId 32 lowercase hex digits, not all zero
 * @param spanId  16 lowercase hex digits, not all zero
 * @param sampled the sampled flag
 */
public record TraceContext(String traceId, String spanId, boolean sampled) {

    /** Request attribute under which the current request's context is kept. */
    public static final String ATTRIBUTE = TraceContext.class.getName();

    private static final Pattern TRACEPARENT =
            Pattern.compile("^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$");
    private static final String ZERO_TRACE = "0".repeat(32);
    private static final String ZERO_SPAN = "0".repeat(16);

    /** Parses a {@code traceparent} header; anything malformed is ignored (a new trace starts), as the spec asks. */
    public static Optional<TraceContext> parse(String traceparent) {
        if (traceparent == null) {
            return Optional.empty();
        }
        var m = TRACEPARENT.matcher(traceparent.strip());
        if (!m.matches() || m.group(1).equals(ZERO_TRACE) || m.group(2).equals(ZERO_SPAN)) {
            return Optional.empty();
        }
        boolean sampled = (HexFormat.fromHexDigits(m.group(3)) & 1) == 1;
        return Optional.of(new TraceContext(m.group(1), m.group(2), sampled));
    }

    /** A new trace, for a request that arrived without (a valid) {@code traceparent}. */
    public static TraceContext newRoot() {
        return new TraceContext(randomHex(16), randomHex(8), true);
    }

    /** Normalises ids from a tracer (a 64-bit trace id is left-padded, as W3C interop requires). */
    public static TraceContext of(String traceId, String spanId, boolean sampled) {
        return new TraceContext(leftPad(traceId, 32), leftPad(spanId, 16), sampled);
    }

    /** The same trace with a new span id: the context handed to a downstream hop (the Kafka record). */
    public TraceContext child() {
        return new TraceContext(traceId, randomHex(8), sampled);
    }

    public String toTraceparent() {
        return "00-" + traceId + "-" + spanId + "-" + (sampled ? "01" : "00");
    }

    private static String randomHex(int bytes) {
        byte[] b = new byte[bytes];
        // Trace ids must be unique, not secret: ThreadLocalRandom avoids the process-wide lock of the shared
        // SecureRandom (NativePRNG), which request threads contended on for every new trace and child span.
        do {
            ThreadLocalRandom.current().nextBytes(b);
        } while (isZero(b));
        return HexFormat.of().formatHex(b);
    }

    private static boolean isZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }

    private static String leftPad(String hex, int length) {
        String lower = hex.toLowerCase();
        return lower.length() >= length ? lower : "0".repeat(length - lower.length()) + lower;
    }
}
