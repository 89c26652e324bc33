package dev.citadel.processor.consume;

import java.time.Duration;

/**
 * Waits out a retry backoff. The production implementation keeps polling the consumer with its partitions paused
 * so the group does not evict this member (max.poll.interval.ms) while a record is being retried.
 */
@FunctionalInterface
public interface RetryWaiter {

    /** Waits up to {@code backoff}; may return early when a stop was requested. */
    void await(Duration backoff);
}
