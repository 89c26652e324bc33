package dev.citadel.processor.consume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.citadel.processor.apply.AppliedEvent;
import dev.citadel.processor.apply.EventApplier;
import dev.citadel.processor.metrics.ProcessorMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

class FirstAttemptsTest {

    static final TopicPartition P0 = new TopicPartition("catalog-events", 0);

    static final class Transient extends RuntimeException {
    }

    static final class Poison extends RuntimeException {
    }

    private final ScheduledExecutorService driverThreads = Executors.newScheduledThreadPool(4);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final List<String> trace = new CopyOnWriteArrayList<>();

    @AfterEach
    void stopThreads() {
        driverThreads.shutdownNow();
    }

    private FirstAttempts firstAttempts(EventApplier applier, int maxInFlight) {
        return new FirstAttempts(applier, new ProcessorMetrics(registry, Clock.systemUTC()), maxInFlight);
    }

    /** Records on P0 with the given keys, offsets 0, 1, 2 ... */
    private static ConsumerRecords<byte[], byte[]> keyed(String... keys) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (int i = 0; i < keys.length; i++) {
            records.add(new ConsumerRecord<>(P0.topic(), P0.partition(), i,
                    keys[i].getBytes(StandardCharsets.UTF_8), new byte[0]));
        }
        return new ConsumerRecords<>(Map.of(P0, records), Map.of());
    }

    /** Completes each write on another thread after {@code millis}, as the driver does; traces start and end. */
    private EventApplier slowAsync(long millis, Map<Long, RuntimeException> failures) {
        return new EventApplier() {
            @Override
            public AppliedEvent apply(ConsumerRecord<byte[], byte[]> record) {
                throw new AssertionError("the first pass must not block");
            }

            @Override
            public CompletableFuture<AppliedEvent> applyAsync(ConsumerRecord<byte[], byte[]> record) {
                trace.add("start " + record.offset());
                CompletableFuture<AppliedEvent> result = new CompletableFuture<>();
                driverThreads.schedule(() -> {
                    trace.add("end " + record.offset());
                    RuntimeException failure = failures.get(record.offset());
                    if (failure != null) {
                        result.completeExceptionally(failure);
                    } else {
                        result.complete(AppliedEvent.stored("CommentAdded", 0));
                    }
                }, millis, TimeUnit.MILLISECONDS);
                return result;
            }
        };
    }

    @Test
    void keepsRecordsOfDifferentKeysInFlightTogetherUpToTheBound() {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger maxSeen = new AtomicInteger();
        EventApplier counting = new EventApplier() {
            @Override
            public AppliedEvent apply(ConsumerRecord<byte[], byte[]> record) {
                throw new AssertionError("the first pass must not block");
            }

            @Override
            public CompletableFuture<AppliedEvent> applyAsync(ConsumerRecord<byte[], byte[]> record) {
                maxSeen.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                CompletableFuture<AppliedEvent> result = new CompletableFuture<>();
                driverThreads.schedule(() -> {
                    inFlight.decrementAndGet();
                    result.complete(AppliedEvent.stored("CommentAdded", 0));
                }, 20, TimeUnit.MILLISECONDS);
                return result;
            }
        };
        String[] keys = new String[20];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = "item-" + i;
        }

        var attempts = firstAttempts(counting, 4).run(keyed(keys));

        assertThat(attempts).hasSize(20).allSatisfy((record, attempt) -> assertThat(attempt.applied()).isNotNull());
        assertThat(maxSeen).hasValue(4);
        assertThat(registry.get(ProcessorMetrics.EVENTS).tag("outcome", "stored").counter().count()).isEqualTo(20);
    }

    @Test
    void startsTheNextEventOfAKeyOnlyAfterThePreviousOneCompleted() {
        var attempts = firstAttempts(slowAsync(30, Map.of()), 8).run(keyed("a", "a", "b", "a"));

        assertThat(attempts).hasSize(4);
        assertThat(trace.indexOf("end 0")).isLessThan(trace.indexOf("start 1"));
        assertThat(trace.indexOf("end 1")).isLessThan(trace.indexOf("start 3"));
        // Another key does not wait for "a".
        assertThat(trace.indexOf("start 2")).isLessThan(trace.indexOf("end 0"));
    }

    @Test
    void stopsAKeysChainAtAFailureWhileOtherKeysGoOn() {
        var records = keyed("a", "a", "b", "b", "c", "c");

        var attempts = firstAttempts(slowAsync(5, Map.of(0L, new Transient(), 2L, new Poison())), 8).run(records);

        List<ConsumerRecord<byte[], byte[]>> r = records.records(P0);
        assertThat(attempts.get(r.get(0)).failure()).isInstanceOf(Transient.class);
        assertThat(attempts).doesNotContainKey(r.get(1));
        assertThat(attempts.get(r.get(2)).failure()).isInstanceOf(Poison.class);
        assertThat(attempts).doesNotContainKey(r.get(3));
        assertThat(attempts.get(r.get(4)).applied()).isNotNull();
        assertThat(attempts.get(r.get(5)).applied()).isNotNull();
        assertThat(trace).doesNotContain("start 1", "start 3");
        assertThat(registry.get(ProcessorMetrics.EVENTS).tag("outcome", "failed").counter().count()).isEqualTo(2);
    }

    @Test
    void recordsTheApplierFailureWithoutTheWrappersOfComposedStages() {
        Transient cause = new Transient();
        EventApplier composed = new EventApplier() {
            @Override
            public AppliedEvent apply(ConsumerRecord<byte[], byte[]> record) {
                throw cause;
            }

            @Override
            public CompletableFuture<AppliedEvent> applyAsync(ConsumerRecord<byte[], byte[]> record) {
                return CompletableFuture.supplyAsync(() -> (AppliedEvent) null, driverThreads).thenApply(x -> {
                    throw cause;
                });
            }
        };
        var records = keyed("a");

        var attempts = firstAttempts(composed, 2).run(records);

        assertThat(attempts.get(records.records(P0).get(0)).failure()).isSameAs(cause);
    }

    @Test
    void rethrowsAnErrorOnTheLoopThreadInsteadOfTreatingItAsTheRecordsFailure() {
        EventApplier oom = new EventApplier() {
            @Override
            public AppliedEvent apply(ConsumerRecord<byte[], byte[]> record) {
                throw new AssertionError("not used");
            }

            @Override
            public CompletableFuture<AppliedEvent> applyAsync(ConsumerRecord<byte[], byte[]> record) {
                return CompletableFuture.failedFuture(new OutOfMemoryError("test"));
            }
        };

        assertThatThrownBy(() -> firstAttempts(oom, 2).run(keyed("a", "b"))).isInstanceOf(OutOfMemoryError.class);
    }

    @Test
    void refusesABoundBelowOne() {
        assertThatThrownBy(() -> firstAttempts(record -> null, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
