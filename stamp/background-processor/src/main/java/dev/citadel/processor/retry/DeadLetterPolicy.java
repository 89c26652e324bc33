package dev.citadel.processor.retry;

import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * The decision table for a failed record:
 *
 * <pre>
 * kind          attempts made         decision
 * UNPARSEABLE   any                   dead-letter "unparseable"
 * INVALID       any                   dead-letter "invalid"
 * TRANSIENT     &lt; maxAttempts         retry after jittered backoff
 * TRANSIENT     = maxAttempts         dead-letter "retries-exhausted"
 * FATAL         any                   dead-letter "fatal"
 * UNEXPECTED    any                   dead-letter "unexpected"
 * </pre>
 *
 * Only transient failures are retried: retrying anything else cannot succeed and would only hold the partition.
 */
public final class DeadLetterPolicy {

    private final RetryPolicy retryPolicy;
    private final FailureClassifier classifier;
    private final DoubleSupplier uniform;

    public DeadLetterPolicy(RetryPolicy retryPolicy, FailureClassifier classifier, DoubleSupplier uniform) {
        this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
        this.classifier = Objects.requireNonNull(classifier, "classifier");
        this.uniform = Objects.requireNonNull(uniform, "uniform");
    }

    /**
     * @param failure      what the last attempt threw
     * @param attemptsMade attempts made so far for this record, the failed one included (1-based)
     */
    public FailureDecision decide(Throwable failure, int attemptsMade) {
        FailureKind kind = classifier.classify(failure);
        return switch (kind) {
            case UNPARSEABLE -> new FailureDecision.DeadLetter(DeadLetterReason.UNPARSEABLE);
            case INVALID -> new FailureDecision.DeadLetter(DeadLetterReason.INVALID);
            case FATAL -> new FailureDecision.DeadLetter(DeadLetterReason.FATAL);
            case UNEXPECTED -> new FailureDecision.DeadLetter(DeadLetterReason.UNEXPECTED);
            case TRANSIENT -> retryPolicy.mayRetryAfter(attemptsMade)
                    ? new FailureDecision.Retry(retryPolicy.backoffAfter(attemptsMade, uniform))
                    : new FailureDecision.DeadLetter(DeadLetterReason.RETRIES_EXHAUSTED);
        };
    }

    public FailureKind classify(Throwable failure) {
        return classifier.classify(failure);
    }

    public RetryPolicy retryPolicy() {
        return retryPolicy;
    }
}
