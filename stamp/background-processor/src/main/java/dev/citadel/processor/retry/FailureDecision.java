package dev.citadel.processor.retry;

import java.time.Duration;

/** What to do with a record whose handling just failed. */
public sealed interface FailureDecision {

    /** Wait {@code backoff} (without losing the partition), then try the same record again. */
    record Retry(Duration backoff) implements FailureDecision {
    }

    /** Give up on the record: send it to the dead-letter topic so it blocks nothing and can be replayed. */
    record DeadLetter(DeadLetterReason reason) implements FailureDecision {
    }
}
