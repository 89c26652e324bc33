package dev.citadel.processor.consume;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.function.BooleanSupplier;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import dev.citadel.catalog.event.EventHeaders;
import dev.citadel.processor.apply.AppliedEvent;
import dev.citadel.processor.apply.EventApplier;
import dev.citadel.processor.deadletter.DeadLetterPublisher;
import dev.citadel.processor.metrics.ProcessorMetrics;
import dev.citadel.processor.retry.DeadLetterPolicy;
import dev.citadel.processor.retry.FailureDecision;

/**
 * Settles every record of a polled batch, partition by partition in offset order: stored, discarded, or
 * dead-lettered after the {@link DeadLetterPolicy} says so. Transient failures are retried in place, so a partition's
 * order is kept. Records of a partition that is revoked (or of any partition once a stop is requested) while a
 * record waits for a retry are left unsettled: they are not committed and will be delivered again.
 */
public final class BatchProcessor {

    private static final Logger log = LoggerFactory.getLogger(BatchProcessor.class);
    /** MDC key; the same name Micrometer Tracing uses, so log pipelines need one rule. */
    static final String TRACE_ID = "traceId";

    private final EventApplier applier;
    private final DeadLetterPolicy policy;
    private final DeadLetterPublisher deadLetters;
    private final ProcessorMetrics metrics;
    private final Runnable onSettled;

    /**
     * @param onSettled called after each settled record (liveness: the loop is progressing)
     */
    public BatchProcessor(EventApplier applier, DeadLetterPolicy policy, DeadLetterPublisher deadLetters,
            ProcessorMetrics metrics, Runnable onSettled) {
        this.applier = Objects.requireNonNull(applier, "applier");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.deadLetters = Objects.requireNonNull(deadLetters, "deadLetters");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.onSettled = Objects.requireNonNull(onSettled, "onSettled");
    }

    /**
     * @throws dev.citadel.processor.deadletter.DeadLetterException when a record could not be dead-lettered; the
     *         ledger then holds what was settled before it
     */
    public void process(ConsumerRecords<byte[], byte[]> records, BatchLedger ledger, RetryWaiter waiter,
            BooleanSupplier stopRequested) {
        for (TopicPartition partition : records.partitions()) {
            for (ConsumerRecord<byte[], byte[]> record : records.records(partition)) {
                if (ledger.isAbandoned(partition)) {
                    break;
                }
                settle(record, partition, ledger, waiter, stopRequested);
            }
        }
    }

    private void settle(ConsumerRecord<byte[], byte[]> record, TopicPartition partition, BatchLedger ledger,
            RetryWaiter waiter, BooleanSupplier stopRequested) {
        // The request's W3C trace id, carried from catalog-api in the record header, on every log line of this record.
        String traceId = traceId(record);
        if (traceId != null) {
            MDC.put(TRACE_ID, traceId);
        }
        try {
            settleWithRetries(record, partition, ledger, waiter, stopRequested);
        } finally {
            MDC.remove(TRACE_ID);
        }
    }

    static String traceId(ConsumerRecord<byte[], byte[]> record) {
        Header header = record.headers().lastHeader(EventHeaders.TRACEPARENT);
        if (header == null) {
            return null;
        }
        String traceparent = new String(header.value(), StandardCharsets.UTF_8);
        return EventHeaders.isValidTraceparent(traceparent) ? traceparent.substring(3, 35) : null;
    }

    private void settleWithRetries(ConsumerRecord<byte[], byte[]> record, TopicPartition partition,
            BatchLedger ledger, RetryWaiter waiter, BooleanSupplier stopRequested) {
        for (int attempt = 1; ; attempt++) {
            long started = System.nanoTime();
            try {
                AppliedEvent applied = applier.apply(record);
                metrics.applied(applied, System.nanoTime() - started);
                ledger.settle(partition, record.offset());
                onSettled.run();
                return;
            } catch (RuntimeException failure) {
                metrics.failedAttempt();
                FailureDecision decision = policy.decide(failure, attempt);
                if (decision instanceof FailureDecision.Retry retry) {
                    log.warn("transient failure on {}@{} (attempt {}), retrying in {} ms: {}", partition,
                            record.offset(), attempt, retry.backoff().toMillis(), failure.toString());
                    waiter.await(retry.backoff());
                    if (stopRequested.getAsBoolean() || ledger.isAbandoned(partition)) {
                        ledger.abandon(partition);
                        return;
                    }
                } else if (decision instanceof FailureDecision.DeadLetter deadLetter) {
                    log.warn("dead-lettering {}@{} ({}) after {} attempt(s): {}", partition, record.offset(),
                            deadLetter.reason().headerValue(), attempt, failure.toString());
                    deadLetters.publish(record, deadLetter.reason(), failure, attempt);
                    metrics.deadLettered(deadLetter.reason());
                    ledger.settle(partition, record.offset());
                    onSettled.run();
                    return;
                }
            }
        }
    }
}
