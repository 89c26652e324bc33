package dev.citadel.edge.ratelimit;

/**
 * One client's bucket. Tokens are refilled lazily from the elapsed time on each call, so idle buckets cost
 * nothing. Synchronized: the limiter is shared by all event loops, but a bucket is rarely contended.
 */
final class TokenBucket {

    private final double capacity;
    private final double tokensPerNano;
    private double tokens;
    private long lastRefillNanos;

    TokenBucket(double capacity, double refillPerSecond, long nowNanos) {
        this.capacity = capacity;
        this.tokensPerNano = refillPerSecond / 1e9;
        this.tokens = capacity;
        this.lastRefillNanos = nowNanos;
    }

    /** Takes a token; returns 0 when granted, otherwise the nanoseconds until one is available. */
    synchronized long tryTake(long nowNanos) {
        refill(nowNanos);
        if (tokens >= 1) {
            tokens -= 1;
            return 0;
        }
        return Math.max(1, (long) Math.ceil((1 - tokens) / tokensPerNano));
    }

    /** A full bucket behaves exactly like a new one, so dropping it loses nothing. */
    synchronized boolean isFull(long nowNanos) {
        refill(nowNanos);
        return tokens >= capacity;
    }

    private void refill(long nowNanos) {
        long elapsed = nowNanos - lastRefillNanos;
        if (elapsed > 0) {
            tokens = Math.min(capacity, tokens + elapsed * tokensPerNano);
            lastRefillNanos = nowNanos;
        }
    }
}
