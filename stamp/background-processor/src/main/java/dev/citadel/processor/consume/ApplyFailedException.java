package dev.citadel.processor.consume;

import java.util.Objects;

import org.apache.kafka.common.TopicPartition;

import dev.citadel.processor.retry.FailureKind;

/**
 * A record could not be applied; carries the {@link FailureKind} the classifier gave its cause. The listener throws
 * one of the two subclasses so that Spring Kafka's error handler can tell, by type alone, what to retry.
 */
public abstract sealed class ApplyFailedException extends RuntimeException
        permits ApplyFailedException.Transient, ApplyFailedException.StoreUnreachable, ApplyFailedException.Permanent {

    private final FailureKind kind;
    private final TopicPartition partition;
    private final int attempt;

    private ApplyFailedException(FailureKind kind, TopicPartition partition, int attempt, RuntimeException cause) {
        super(kind + " failure on " + partition + " (attempt " + attempt + "): " + cause,
                Objects.requireNonNull(cause, "cause"));
        this.kind = Objects.requireNonNull(kind, "kind");
        this.partition = Objects.requireNonNull(partition, "partition");
        this.attempt = attempt;
    }

    public static ApplyFailedException of(FailureKind kind, TopicPartition partition, int attempt,
            RuntimeException cause) {
        return switch (kind) {
            case TRANSIENT -> new Transient(partition, attempt, cause);
            case STORE_UNREACHABLE -> new StoreUnreachable(partition, attempt, cause);
            default -> new Permanent(kind, partition, attempt, cause);
        };
    }

    /** The first {@code ApplyFailedException} in the cause chain of what the container hands the error handler. */
    public static ApplyFailedException find(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof ApplyFailedException applyFailed) {
                return applyFailed;
            }
        }
        return null;
    }

    public FailureKind kind() {
        return kind;
    }

    /** Deliveries of this record that failed so far, this one included (1-based). */
    public int attempt() {
        return attempt;
    }

    /** The partition of the record: the one partition to back off. */
    public TopicPartition partition() {
        return partition;
    }

    /** What the applier threw. */
    public RuntimeException failure() {
        return (RuntimeException) getCause();
    }

    /** The dependency may recover: retried with backoff, dead-lettered when the retries run out. */
    public static final class Transient extends ApplyFailedException {
        Transient(TopicPartition partition, int attempt, RuntimeException cause) {
            super(FailureKind.TRANSIENT, partition, attempt, cause);
        }
    }

    /** The store is unreachable: retried until it is back, never dead-lettered. */
    public static final class StoreUnreachable extends ApplyFailedException {
        StoreUnreachable(TopicPartition partition, int attempt, RuntimeException cause) {
            super(FailureKind.STORE_UNREACHABLE, partition, attempt, cause);
        }
    }

    /** No retry can help (poison, fatal, a bug): dead-lettered at once. */
    public static final class Permanent extends ApplyFailedException {
        Permanent(FailureKind kind, TopicPartition partition, int attempt, RuntimeException cause) {
            super(kind, partition, attempt, cause);
        }
    }
}
