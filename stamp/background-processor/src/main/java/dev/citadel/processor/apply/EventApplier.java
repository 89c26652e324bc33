package dev.citadel.processor.apply;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Turns one Kafka record into its effect on the store: decode, validate, write. Implementations must be
 * idempotent (a record delivered twice changes nothing the second time) and signal failures by exception type so a
 * {@link dev.citadel.processor.retry.FailureClassifier} can tell transient from poison.
 */
@FunctionalInterface
public interface EventApplier {

    AppliedEvent apply(ConsumerRecord<byte[], byte[]> record);
}
