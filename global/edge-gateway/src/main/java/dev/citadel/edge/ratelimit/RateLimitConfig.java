package dev.citadel.edge.ratelimit;

import java.util.Map;
import java.util.Set;

/**
 * The {@code rateLimit:} section of the edge config: a token bucket per client address holding {@code capacity}
 * tokens (the burst), refilled at {@code refillPerSecond} (the sustained rate); at most {@code maxClients}
 * buckets are kept in memory. Bound from the raw YAML map; bad values are refused naming the key.
 */
public record RateLimitConfig(boolean enabled, int capacity, double refillPerSecond, int maxClients) {

    public static final int DEFAULT_CAPACITY = 200;
    public static final double DEFAULT_REFILL_PER_SECOND = 100;
    public static final int DEFAULT_MAX_CLIENTS = 100_000;
    static final Set<String> KEYS = Set.of("enabled", "capacity", "refillPerSecond", "maxClients");

    public RateLimitConfig {
        if (capacity < 1) {
            throw new IllegalArgumentException("rateLimit.capacity must be >= 1, was " + capacity);
        }
        if (!(refillPerSecond > 0) || Double.isInfinite(refillPerSecond)) {
            throw new IllegalArgumentException("rateLimit.refillPerSecond must be > 0, was " + refillPerSecond);
        }
        if (maxClients < 1) {
            throw new IllegalArgumentException("rateLimit.maxClients must be >= 1, was " + maxClients);
        }
    }

    public static RateLimitConfig defaults() {
        return new RateLimitConfig(true, DEFAULT_CAPACITY, DEFAULT_REFILL_PER_SECOND, DEFAULT_MAX_CLIENTS);
    }

    public static RateLimitConfig fromMap(Map<String, ?> raw) {
        if (raw == null || raw.isEmpty()) {
            return defaults();
        }
        for (String key : raw.keySet()) {
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException("rateLimit." + key + ": unknown key (known: " + KEYS + ")");
            }
        }
        Object enabled = raw.get("enabled");
        if (enabled != null && !(enabled instanceof Boolean)) {
            throw new IllegalArgumentException("rateLimit.enabled: must be true or false, was '" + enabled + "'");
        }
        return new RateLimitConfig(enabled == null || (Boolean) enabled,
                (int) number(raw.get("capacity"), DEFAULT_CAPACITY, "rateLimit.capacity", true),
                number(raw.get("refillPerSecond"), DEFAULT_REFILL_PER_SECOND, "rateLimit.refillPerSecond", false),
                (int) number(raw.get("maxClients"), DEFAULT_MAX_CLIENTS, "rateLimit.maxClients", true));
    }

    private static double number(Object o, double dflt, String key, boolean integral) {
        if (o == null) {
            return dflt;
        }
        if (o instanceof Number n && (!integral || n.doubleValue() == Math.rint(n.doubleValue()))) {
            return n.doubleValue();
        }
        throw new IllegalArgumentException(key + ": must be " + (integral ? "an integer" : "a number") + ", was '" + o + "'");
    }
}
