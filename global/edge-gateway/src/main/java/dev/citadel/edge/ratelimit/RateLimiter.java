package dev.citadel.edge.ratelimit;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Token buckets per client key, in a map bounded by {@code maxClients}. When the map is full, buckets that have
 * refilled completely are dropped first (they are indistinguishable from new ones); if more than
 * {@code maxClients} clients are all active at once, arbitrary buckets are dropped down to 90 % of the bound,
 * so memory stays bounded and the cost is that some clients get a fresh burst (lenient, never a wrong 429).
 */
public final class RateLimiter {

    /** Outcome for one request: {@code retryAfterSeconds} is 0 when allowed, else at least 1. */
    public record Decision(boolean allowed, long retryAfterSeconds) {
        static final Decision ALLOW = new Decision(true, 0);
    }

    private final RateLimitConfig config;
    private final LongSupplier nanoClock;
    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();

    public RateLimiter(RateLimitConfig config) {
        this(config, System::nanoTime);
    }

    /** {@code nanoClock}: a monotonic clock in nanoseconds (tests pass a controllable one). */
    public RateLimiter(RateLimitConfig config, LongSupplier nanoClock) {
        this.config = config;
        this.nanoClock = nanoClock;
    }

    public Decision tryAcquire(String clientKey) {
        long now = nanoClock.getAsLong();
        TokenBucket bucket = buckets.get(clientKey);
        if (bucket == null) {
            if (buckets.size() >= config.maxClients()) {
                evict(now);
            }
            bucket = buckets.computeIfAbsent(clientKey,
                    k -> new TokenBucket(config.capacity(), config.refillPerSecond(), now));
        }
        long waitNanos = bucket.tryTake(now);
        if (waitNanos == 0) {
            return Decision.ALLOW;
        }
        return new Decision(false, Math.max(1, (waitNanos + TimeUnit.SECONDS.toNanos(1) - 1) / TimeUnit.SECONDS.toNanos(1)));
    }

    public int trackedClients() {
        return buckets.size();
    }

    public RateLimitConfig config() {
        return config;
    }

    private void evict(long now) {
        buckets.values().removeIf(b -> b.isFull(now));
        int target = (int) (config.maxClients() * 0.9);
        Iterator<String> it = buckets.keySet().iterator();
        while (buckets.size() > target && it.hasNext()) {
            it.next();
            it.remove();
        }
    }
}
