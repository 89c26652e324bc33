package dev.citadel.cli.network;

/**
 * What one TCP connect from a zone saw. {@code reached}: the network delivered the SYN — the destination accepted it,
 * or its host answered with a reset because nothing listens there (still the network letting it through). Anything
 * else (the router's admin-prohibited reject, no route, no answer) is blocked.
 */
public record ProbeOutcome(boolean reached, String detail) {

    /** bash's exit code when {@code timeout} had to stop the connect. */
    static final int TIMED_OUT = 124;

    /** Classifies a probe from its exit code and what bash printed ({@code /dev/tcp} reports errno's text). */
    public static ProbeOutcome classify(int exitCode, String message) {
        String m = message == null ? "" : message;
        if (exitCode == 0) {
            return new ProbeOutcome(true, "connected");
        }
        if (m.contains("Connection refused")) {
            return new ProbeOutcome(true, "refused by the host");
        }
        if (exitCode == TIMED_OUT) {
            return new ProbeOutcome(false, "no answer");
        }
        if (m.contains("No route to host")) {
            return new ProbeOutcome(false, "rejected");
        }
        if (m.contains("Network is unreachable")) {
            return new ProbeOutcome(false, "no route");
        }
        return new ProbeOutcome(false, "failed: " + m.strip());
    }
}
