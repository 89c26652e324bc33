package dev.citadel.processor.retry;

import java.time.Duration;
import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with full jitter ("Exponential Backoff And Jitter", AWS architecture blog): the wait before
 * retry {@code n} is uniform in {@code [0, min(maxBackoff, initialBackoff * 2^(n-1))]}. Full jitter spreads the
 * retries of many records (and of the processors of every stamp) so that a recovering Cassandra node is not hit by
 * synchronised waves.
 *
 * @param initialBackoff ceiling of the first wait; must be positive
 * @param maxBackoff     ceiling of every wait; at least {@code initialBackoff}
 * @param maxAttempts    total attempts per record, the first one included; at least 1
 */
public record RetryPolicy(Duration initialBackoff, Duration maxBackoff, int maxAttempts) {

    public RetryPolicy {
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        if (initialBackoff.isNegative() || initialBackoff.isZero()) {
            throw new IllegalArgumentException("initialBackoff must be positive, was " + initialBackoff);
        }
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("maxBackoff " + maxBackoff + " is below initialBackoff " + initialBackoff);
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
    }

    /** True when a record that has failed {@code attemptsMade} times may be tried again. */
    public boolean mayRetryAfter(int attemptsMade) {
        return attemptsMade < maxAttempts;
    }

    /** The upper bound of the wait after the {@code failedAttempt}-th failure (1-based), before jitter. */
    public Duration ceilingAfter(int failedAttempt) {
        if (failedAttempt < 1) {
            throw new IllegalArgumentException("failedAttempt is 1-based, was " + failedAttempt);
        }
        long initialNanos = initialBackoff.toNanos();
        long maxNanos = maxBackoff.toNanos();
        // Stop doubling once past the cap: avoids overflow for large attempt numbers.
        int shift = Math.min(failedAttempt - 1, 62);
        long ceiling = initialNanos > (maxNanos >> shift) ? maxNanos : initialNanos << shift;
        return Duration.ofNanos(Math.min(ceiling, maxNanos));
    }

    /**
     * The jittered wait after the {@code failedAttempt}-th failure.
     *
     * @param uniform a source of doubles in {@code [0, 1)} (e.g. {@code ThreadLocalRandom.current()::nextDouble})
     */
    public Duration backoffAfter(int failedAttempt, DoubleSupplier uniform) {
        double u = uniform.getAsDouble();
        if (u < 0 || u >= 1) {
            throw new IllegalArgumentException("uniform source must give values in [0, 1), gave " + u);
        }
        return Duration.ofNanos((long) (ceilingAfter(failedAttempt).toNanos() * u));
    }

    /** The longest a record can spend waiting before it is given up on: the sum of the ceilings. */
    public Duration worstCaseTotalBackoff() {
        Duration total = Duration.ZERO;
        for (int attempt = 1; attempt < maxAttempts; attempt++) {
            total = total.plus(ceilingAfter(attempt));
        }
        return total;
    }
}
