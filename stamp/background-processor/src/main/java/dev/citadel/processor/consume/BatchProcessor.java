package dev.citadel.processor.consume;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
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
 * Settles every record of a polled batch: stored, discarded, or dead-lettered after the {@link DeadLetterPolicy}
 * says so. Two passes: {@link FirstAttempts} tries every record once with many in flight (one at a time per key),
 * then a sequential pass, partition by partition in offset order, settles each record in the ledger, retrying in
 * place what failed transiently (and applying what waited behind it), dead-lettering poison. So a key's order is
 * kept and the ledger only ever commits a contiguous settled prefix. Records of a partition that is revoked (or of
 * any partition once a stop is requested) while a record waits for a retry are left unsettled: they are not
 * committed and will be delivered again (the store is idempotent, so having applied some of them is harmless).
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
    private final FirstAttempts firstAttempts;

    /**
     * @param onSettled       called after each settled record (liveness: the loop is progressing)
     * @param maxInFlight     how many records may be written at once in the first pass (at least 1)
     * @param inFlightTimeout how long a write of the first pass may stay unanswered before it is taken as lost and
     *                        the batch is abandoned (well above the driver's request timeout)
     */
    public BatchProcessor(EventApplier applier, DeadLetterPolicy policy, DeadLetterPublisher deadLetters,
            ProcessorMetrics metrics, Runnable onSettled, int maxInFlight, Duration inFlightTimeout) {
        this.applier = Objects.requireNonNull(applier, "applier");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.deadLetters = Objects.requireNonNull(deadLetters, "deadLetters");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.onSettled = Objects.requireNonNull(onSettled, "onSettled");
        this.firstAttempts = new FirstAttempts(applier, metrics, maxInFlight, inFlightTimeout);
    }

    /**
     * @throws dev.citadel.processor.deadletter.DeadLetterException when a record could not be dead-lettered; the
     *         ledger then holds what was settled before it
     * @throws StuckWritesException when a write of the concurrent pass was never answered; nothing is settled
     */
    public void process(ConsumerRecords<byte[], byte[]> records, BatchLedger ledger, RetryWaiter waiter,
            BooleanSupplier stopRequested) {
        Map<ConsumerRecord<byte[], byte[]>, FirstAttempts.Attempt> attempts = firstAttempts.run(records);
        for (TopicPartition partition : records.partitions()) {
            for (ConsumerRecord<byte[], byte[]> record : records.records(partition)) {
                if (ledger.isAbandoned(partition)) {
                    break;
                }
                FirstAttempts.Attempt first = attempts.get(record);
                if (first != null && first.applied() != null) {
                    ledger.settle(partition, record.offset());
                    onSettled.run();
                } else {
                    settle(record, partition, ledger, waiter, stopRequested, first == null ? null : first.failure());
                }
            }
        }
    }

    /** @param firstFailure what the first pass's attempt threw, or null when the record was not attempted yet */
    private void settle(ConsumerRecord<byte[], byte[]> record, TopicPartition partition, BatchLedger ledger,
            RetryWaiter waiter, BooleanSupplier stopRequested, RuntimeException firstFailure) {
        // The request's W3C trace id, carried from catalog-api in the record header, on every log line of this record.
        String traceId = traceId(record);
        if (traceId != null) {
            MDC.put(TRACE_ID, traceId);
        }
        try {
            settleWithRetries(record, partition, ledger, waiter, stopRequested, firstFailure);
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
            BatchLedger ledger, RetryWaiter waiter, BooleanSupplier stopRequested, RuntimeException firstFailure) {
        for (int attempt = 1; ; attempt++) {
            RuntimeException failure = attempt == 1 ? firstFailure : null;
            if (failure == null) {
                failure = attemptBlocking(record);
                if (failure == null) {
                    ledger.settle(partition, record.offset());
                    onSettled.run();
                    return;
                }
            }
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

    /** One blocking attempt (the retry path is sequential by design); the failure, or null when applied. */
    private RuntimeException attemptBlocking(ConsumerRecord<byte[], byte[]> record) {
        long started = System.nanoTime();
        try {
            AppliedEvent applied = applier.apply(record);
            metrics.applied(applied, System.nanoTime() - started);
            return null;
        } catch (RuntimeException failure) {
            metrics.failedAttempt();
            return failure;
        }
    }
}
