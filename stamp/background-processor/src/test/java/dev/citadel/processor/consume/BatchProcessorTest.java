package dev.citadel.processor.consume;

import static dev.citadel.processor.consume.BatchLedgerTest.P0;
import static dev.citadel.processor.consume.BatchLedgerTest.P1;
import static dev.citadel.processor.consume.BatchLedgerTest.batch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

import dev.citadel.processor.apply.AppliedEvent;
import dev.citadel.processor.apply.EventApplier;
import dev.citadel.processor.deadletter.DeadLetterException;
import dev.citadel.processor.deadletter.DeadLetterHeaders;
import dev.citadel.processor.deadletter.DeadLetterPublisher;
import dev.citadel.processor.metrics.ProcessorMetrics;
import dev.citadel.processor.retry.DeadLetterPolicy;
import dev.citadel.processor.retry.FailureKind;
import dev.citadel.processor.retry.RetryPolicy;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

class BatchProcessorTest {

    static final class Transient extends RuntimeException {
    }

    static final class Poison extends RuntimeException {
    }

    private final MockProducer<byte[], byte[]> producer = new MockProducer<>(true, null, new ByteArraySerializer(),
            new ByteArraySerializer());
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ProcessorMetrics metrics = new ProcessorMetrics(registry, Clock.systemUTC());
    private final List<Duration> waits = new ArrayList<>();
    private final AtomicInteger settledCalls = new AtomicInteger();
    private final Map<Long, Integer> attemptsByOffset = new HashMap<>();

    private BatchProcessor processor(EventApplier applier, int maxAttempts) {
        DeadLetterPolicy policy = new DeadLetterPolicy(
                new RetryPolicy(Duration.ofMillis(10), Duration.ofMillis(100), maxAttempts),
                failure -> failure instanceof Transient ? FailureKind.TRANSIENT : FailureKind.UNPARSEABLE,
                () -> 0.5);
        DeadLetterPublisher publisher = new DeadLetterPublisher(producer, "catalog-events-dlq", Duration.ofSeconds(5),
                Clock.systemUTC());
        return new BatchProcessor(applier, policy, publisher, metrics, settledCalls::incrementAndGet, 8,
                Duration.ofMillis(300));
    }

    /** Fails each listed offset with the given exception the given number of times, then stores it. */
    private EventApplier failing(Map<Long, RuntimeException> failures, int timesEach) {
        return record -> {
            int attempt = attemptsByOffset.merge(record.offset(), 1, Integer::sum);
            RuntimeException failure = failures.get(record.offset());
            if (failure != null && attempt <= timesEach) {
                throw failure;
            }
            return AppliedEvent.stored("CommentAdded", 0);
        };
    }

    private double count(String outcome) {
        return registry.get(ProcessorMetrics.EVENTS).tag("outcome", outcome).counter().count();
    }

    @Test
    void storesEveryRecordAndSettlesTheWholeBatch() {
        ConsumerRecords<byte[], byte[]> records = batch(Map.of(P0, new long[] {0, 1, 2}, P1, new long[] {7}));
        BatchLedger ledger = new BatchLedger(records);

        processor(failing(Map.of(), 0), 3).process(records, ledger, waits::add, () -> false);

        assertThat(ledger.isComplete()).isTrue();
        assertThat(ledger.committableOffsets()).containsEntry(P0, new OffsetAndMetadata(3))
                .containsEntry(P1, new OffsetAndMetadata(8));
        assertThat(count("stored")).isEqualTo(4);
        assertThat(settledCalls).hasValue(4);
        assertThat(producer.history()).isEmpty();
    }

    @Test
    void retriesATransientFailureInPlaceWithBackoffThenStoresIt() {
        ConsumerRecords<byte[], byte[]> records = batch(Map.of(P0, new long[] {0, 1}));
        BatchLedger ledger = new BatchLedger(records);

        processor(failing(Map.of(0L, new Transient()), 2), 5).process(records, ledger, waits::add, () -> false);

        assertThat(attemptsByOffset).containsEntry(0L, 3).containsEntry(1L, 1);
        assertThat(waits).containsExactly(Duration.ofMillis(5), Duration.ofMillis(10));
        assertThat(ledger.isComplete()).isTrue();
        assertThat(count("failed")).isEqualTo(2);
        assertThat(count("stored")).isEqualTo(2);
    }

    @Test
    void deadLettersAPoisonRecordWithTheReasonAndKeepsGoing() {
        ConsumerRecords<byte[], byte[]> records = batch(Map.of(P0, new long[] {0, 1, 2}));
        BatchLedger ledger = new BatchLedger(records);

        processor(failing(Map.of(1L, new Poison()), 99), 5).process(records, ledger, waits::add, () -> false);

        assertThat(ledger.isComplete()).isTrue();
        assertThat(attemptsByOffset).containsEntry(1L, 1).containsEntry(2L, 1);
        assertThat(waits).isEmpty();
        assertThat(producer.history()).hasSize(1);
        ProducerRecord<byte[], byte[]> dead = producer.history().get(0);
        assertThat(dead.topic()).isEqualTo("catalog-events-dlq");
        assertThat(header(dead, DeadLetterHeaders.REASON)).isEqualTo("unparseable");
        assertThat(header(dead, DeadLetterHeaders.ORIGINAL_OFFSET)).isEqualTo("1");
        assertThat(count("dead-lettered")).isEqualTo(1);
        assertThat(count("stored")).isEqualTo(2);
    }

    @Test
    void deadLettersATransientFailureOnceRetriesAreExhausted() {
        ConsumerRecords<byte[], byte[]> records = batch(Map.of(P0, new long[] {4}));
        BatchLedger ledger = new BatchLedger(records);

        processor(failing(Map.of(4L, new Transient()), 99), 3).process(records, ledger, waits::add, () -> false);

        assertThat(attemptsByOffset).containsEntry(4L, 3);
        assertThat(waits).hasSize(2);
        assertThat(header(producer.history().get(0), DeadLetterHeaders.REASON)).isEqualTo("retries-exhausted");
        assertThat(header(producer.history().get(0), DeadLetterHeaders.ATTEMPTS)).isEqualTo("3");
        assertThat(ledger.isComplete()).isTrue();
    }

    @Test
    void retriesARecordThatFailedInTheConcurrentPassBeforeApplyingTheLaterEventsOfItsKey() {
        List<String> applied = new ArrayList<>();
        List<org.apache.kafka.clients.consumer.ConsumerRecord<byte[], byte[]>> keyed = new ArrayList<>();
        String[] keys = {"a", "b", "a"};
        for (int offset = 0; offset < keys.length; offset++) {
            keyed.add(new org.apache.kafka.clients.consumer.ConsumerRecord<>(P0.topic(), P0.partition(), offset,
                    keys[offset].getBytes(StandardCharsets.UTF_8), new byte[0]));
        }
        ConsumerRecords<byte[], byte[]> records = new ConsumerRecords<>(Map.of(P0, keyed), Map.of());
        BatchLedger ledger = new BatchLedger(records);
        EventApplier failsOnceAtZero = failing(Map.of(0L, new Transient()), 1);

        processor(record -> {
            AppliedEvent result = failsOnceAtZero.apply(record);
            applied.add(keys[(int) record.offset()] + record.offset());
            return result;
        }, 5).process(records, ledger, waits::add, () -> false);

        // b1 went ahead in the concurrent pass; a2 waited for a0's retry.
        assertThat(applied).containsExactly("b1", "a0", "a2");
        assertThat(attemptsByOffset).containsEntry(0L, 2).containsEntry(1L, 1).containsEntry(2L, 1);
        assertThat(waits).hasSize(1);
        assertThat(ledger.committableOffsets()).containsEntry(P0, new OffsetAndMetadata(3));
        assertThat(settledCalls).hasValue(3);
    }

    @Test
    void leavesTheRecordUnsettledWhenTheDeadLetterTopicDoesNotConfirm() {
        MockProducer<byte[], byte[]> refusing = new MockProducer<>(false, null, new ByteArraySerializer(),
                new ByteArraySerializer());
        DeadLetterPolicy policy = new DeadLetterPolicy(new RetryPolicy(Duration.ofMillis(1), Duration.ofMillis(1), 1),
                failure -> FailureKind.UNPARSEABLE, () -> 0.0);
        BatchProcessor processor = new BatchProcessor(record -> {
            throw new Poison();
        }, policy, new DeadLetterPublisher(refusing, "dlq", Duration.ofMillis(50), Clock.systemUTC()), metrics,
                () -> { }, 8, Duration.ofMinutes(1));
        ConsumerRecords<byte[], byte[]> records = batch(Map.of(P0, new long[] {0, 1}));
        BatchLedger ledger = new BatchLedger(records);

        assertThatThrownBy(() -> processor.process(records, ledger, waits::add, () -> false))
                .isInstanceOf(DeadLetterException.class);
        assertThat(ledger.committableOffsets()).isEmpty();
        assertThat(ledger.firstUnsettled(P0)).hasValue(0);
    }

    @Test
    void settlesNothingOfTheBatchWhenAWriteOfTheConcurrentPassIsNeverAnswered() {
        ConsumerRecords<byte[], byte[]> records = batch(Map.of(P0, new long[] {0, 1, 2}, P1, new long[] {7}));
        BatchLedger ledger = new BatchLedger(records);
        EventApplier neverAnswersOffsetOne = new EventApplier() {
            @Override
            public AppliedEvent apply(org.apache.kafka.clients.consumer.ConsumerRecord<byte[], byte[]> record) {
                return AppliedEvent.stored("CommentAdded", 0);
            }

            @Override
            public CompletableFuture<AppliedEvent> applyAsync(
                    org.apache.kafka.clients.consumer.ConsumerRecord<byte[], byte[]> record) {
                return record.offset() == 1 ? new CompletableFuture<>()
                        : CompletableFuture.completedFuture(AppliedEvent.stored("CommentAdded", 0));
            }
        };

        assertThatThrownBy(() -> processor(neverAnswersOffsetOne, 5).process(records, ledger, waits::add,
                () -> false)).isInstanceOf(StuckWritesException.class);

        // Nothing committed, not even what was stored: the whole batch is delivered again.
        assertThat(ledger.committableOffsets()).isEmpty();
        assertThat(ledger.firstUnsettled(P0)).hasValue(0);
        assertThat(ledger.firstUnsettled(P1)).hasValue(7);
        assertThat(settledCalls).hasValue(0);
    }

    @Test
    void abandonsThePartitionWhenAStopIsRequestedDuringABackoff() {
        ConsumerRecords<byte[], byte[]> records = batch(orderedP0ThenP1());
        BatchLedger ledger = new BatchLedger(records);
        AtomicBoolean stop = new AtomicBoolean();

        processor(failing(Map.of(1L, new Transient()), 99), 5)
                .process(records, ledger, backoff -> stop.set(true), stop::get);

        assertThat(ledger.isAbandoned(P0)).isTrue();
        assertThat(ledger.committableOffsets()).containsEntry(P0, new OffsetAndMetadata(1));
        assertThat(attemptsByOffset).doesNotContainKey(2L);
        assertThat(producer.history()).isEmpty();
    }

    @Test
    void skipsTheRestOfAPartitionRevokedWhileARecordWaitedForItsRetry() {
        ConsumerRecords<byte[], byte[]> records = batch(orderedP0ThenP1());
        BatchLedger ledger = new BatchLedger(records);

        processor(failing(Map.of(1L, new Transient()), 99), 5)
                .process(records, ledger, backoff -> ledger.abandon(P0), () -> false);

        assertThat(attemptsByOffset).containsEntry(1L, 1).doesNotContainKey(2L).containsEntry(7L, 1);
        assertThat(ledger.committableOffsets()).containsEntry(P0, new OffsetAndMetadata(1))
                .containsEntry(P1, new OffsetAndMetadata(8));
        assertThat(ledger.isComplete()).isTrue();
    }

    @Test
    void countsDiscardedHealthProbesSeparately() {
        ConsumerRecords<byte[], byte[]> records = batch(Map.of(P0, new long[] {0}));
        BatchLedger ledger = new BatchLedger(records);

        processor(record -> AppliedEvent.discarded("HealthProbe"), 3).process(records, ledger, waits::add,
                () -> false);

        assertThat(count("discarded")).isEqualTo(1);
        assertThat(count("stored")).isZero();
        assertThat(ledger.isComplete()).isTrue();
    }

    @Test
    void logsEachRecordUnderTheTraceIdOfTheRequestThatProducedIt() {
        ConsumerRecords<byte[], byte[]> records = batch(Map.of(P0, new long[] {0}));
        records.records(P0).get(0).headers().add("traceparent",
                "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01".getBytes(StandardCharsets.UTF_8));
        List<String> seen = new ArrayList<>();

        processor(record -> {
            seen.add(org.slf4j.MDC.get(BatchProcessor.TRACE_ID));
            return AppliedEvent.stored("CommentAdded", 0);
        }, 3).process(records, new BatchLedger(records), waits::add, () -> false);

        assertThat(seen).containsExactly("0af7651916cd43dd8448eb211c80319c");
        assertThat(org.slf4j.MDC.get(BatchProcessor.TRACE_ID)).isNull();
    }

    private static Map<org.apache.kafka.common.TopicPartition, long[]> orderedP0ThenP1() {
        Map<org.apache.kafka.common.TopicPartition, long[]> offsets = new LinkedHashMap<>();
        offsets.put(P0, new long[] {0, 1, 2});
        offsets.put(P1, new long[] {7});
        return offsets;
    }

    private static String header(ProducerRecord<byte[], byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

}
