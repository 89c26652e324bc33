package dev.citadel.catalogapi.image;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;

/**
 * Counts the stamp's egress calls (item image fetches through the egress proxy) as
 * {@code citadel.egress.requests{outcome=success|failure, reason}} — exported as
 * {@code citadel_egress_requests_total} — so health-service can score the egress path (CITADEL.md §5: failures per
 * minute 3 / 10). The reason says whose fault a failure is: the path's ({@link Reason#pathFailure()}: the stamp could
 * not get out or back) or the remote's answer (the URL's owner; the user gets 422 and the path worked).
 */
public final class EgressCalls {

    static final String METER = "citadel.egress.requests";

    /** Why an egress call failed; the tag value is stable (health-service selects on it). */
    public enum Reason {
        /** Connection to the proxy or through it (CONNECT tunnel) refused, reset or not established. */
        UNREACHABLE("unreachable", true),
        /** No complete answer within the deadline. */
        TIMEOUT("timeout", true),
        /** The answer broke off while streaming. */
        IO("io", true),
        /**
         * The egress firewall refused the destination by policy (not allow-listed, a special-purpose address, ...):
         * the path works and did its job, so it is not a path failure.
         */
        REFUSED("refused", false),
        /** The remote answered a status other than 200. */
        HTTP_STATUS("http-status", false),
        /** The answer was not an accepted {@code image/*} type. */
        NOT_AN_IMAGE("not-an-image", false),
        /** The answer was over the size cap. */
        TOO_LARGE("too-large", false),
        /** This service was shutting down; nobody's failure. */
        INTERRUPTED("interrupted", false);

        private final String tag;
        private final boolean pathFailure;

        Reason(String tag, boolean pathFailure) {
            this.tag = tag;
            this.pathFailure = pathFailure;
        }

        public String tag() {
            return tag;
        }

        /** Whether this failure says the egress path itself is broken (what the health signal counts). */
        public boolean pathFailure() {
            return pathFailure;
        }
    }

    private final Counter success;
    private final Map<Reason, Counter> failures = new EnumMap<>(Reason.class);

    public EgressCalls(MeterRegistry registry) {
        // Registered up front, so the series exist at 0 before the first failure: a rate needs a starting point.
        this.success = Counter.builder(METER).description("Egress calls (item image fetches) by outcome")
                .tag("outcome", "success").tag("reason", "none").register(registry);
        for (Reason reason : Reason.values()) {
            failures.put(reason, Counter.builder(METER).description("Egress calls (item image fetches) by outcome")
                    .tag("outcome", "failure").tag("reason", reason.tag()).register(registry));
        }
    }

    void success() {
        success.increment();
    }

    void failure(Reason reason) {
        failures.get(reason).increment();
    }
}
