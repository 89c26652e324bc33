package dev.citadel.processor.retry;

import java.util.Objects;
import java.util.function.DoubleSupplier;

import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.BackOffExecution;

/**
 * The {@link RetryPolicy} as the {@link BackOff} Spring Kafka's error handler asks after each failed delivery of a
 * record: the full-jitter wait after the n-th failure, then {@link BackOffExecution#STOP} once {@code maxAttempts}
 * deliveries have failed (the record is then dead-lettered as retries-exhausted).
 */
public final class RetryBackOff implements BackOff {

    private final RetryPolicy policy;
    private final DoubleSupplier uniform;

    /** @param uniform a source of doubles in {@code [0, 1)} for the jitter */
    public RetryBackOff(RetryPolicy policy, DoubleSupplier uniform) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.uniform = Objects.requireNonNull(uniform, "uniform");
    }

    @Override
    public BackOffExecution start() {
        return new BackOffExecution() {
            private int failures;

            @Override
            public long nextBackOff() {
                failures++;
                if (!policy.mayRetryAfter(failures)) {
                    return STOP;
                }
                return policy.backoffAfter(failures, uniform).toMillis();
            }
        };
    }

    public RetryPolicy policy() {
        return policy;
    }

    /**
     * The same waits without an end: for failures no record is at fault for (the store is unreachable), which must
     * not be dead-lettered however long the outage lasts.
     */
    public static RetryBackOff untilRecovered(RetryPolicy policy, DoubleSupplier uniform) {
        return new RetryBackOff(new RetryPolicy(policy.initialBackoff(), policy.maxBackoff(), Integer.MAX_VALUE),
                uniform);
    }
}
