package dev.citadel.processor.apply;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Turns one Kafka record into its effect on the store: decode, validate, write. Implementations must be
 * idempotent (a record delivered twice changes nothing the second time) and signal failures by exception type so a
 * {@link dev.citadel.processor.retry.FailureClassifier} can tell transient from poison.
 */
@FunctionalInterface
public interface EventApplier {

    AppliedEvent apply(ConsumerRecord<byte[], byte[]> record);

    /**
     * The same without blocking the caller, so that a batch can have many records in flight. A failure (decoding
     * included) completes the stage exceptionally, possibly wrapped in a
     * {@link java.util.concurrent.CompletionException}; nothing is thrown. The default runs {@link #apply} on the
     * calling thread.
     */
    default CompletionStage<AppliedEvent> applyAsync(ConsumerRecord<byte[], byte[]> record) {
        try {
            return CompletableFuture.completedFuture(apply(record));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
