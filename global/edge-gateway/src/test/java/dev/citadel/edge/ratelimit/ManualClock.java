package dev.citadel.edge.ratelimit;

import java.time.Duration;
import java.util.function.LongSupplier;

/** A nanosecond clock that moves only when told to, so rate-limit tests never sleep. */
final class ManualClock implements LongSupplier {

    private long nanos = 1_000_000_000L;

    @Override
    public long getAsLong() {
        return nanos;
    }

    void advance(Duration d) {
        nanos += d.toNanos();
    }
}
