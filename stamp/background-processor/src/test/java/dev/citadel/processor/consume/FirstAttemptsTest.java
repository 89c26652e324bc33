package dev.citadel.processor.consume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
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
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.citadel.processor.apply.AppliedEvent;
import dev.citadel.processor.apply.EventApplier;
import dev.citadel.processor.metrics.ProcessorMetrics;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.cumulative.CumulativeTimer;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.core.instrument.distribution.pause.PauseDetector;
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
        return firstAttempts(applier, maxInFlight, Duration.ofMinutes(1));
    }

    private FirstAttempts firstAttempts(EventApplier applier, int maxInFlight, Duration inFlightTimeout) {
        return new FirstAttempts(applier, new ProcessorMetrics(registry, Clock.systemUTC()), maxInFlight,
                inFlightTimeout);
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

    /**
     * The regression test of the lost completion: anything thrown while handling an outcome on the driver's thread
     * used to vanish inside {@code whenComplete} (the stage it returns swallows it), so the outcome never reached the
     * queue and the batch waited for ever. Here a meter breaks; the pass must end, loudly, on the consumer thread.
     */
    @Test
    void endsLoudlyInsteadOfWaitingForEverWhenHandlingAnOutcomeThrows() {
        registry.close();
        SimpleMeterRegistry broken = new BrokenProcessingTimerRegistry();
        FirstAttempts attempts = new FirstAttempts(slowAsync(5, Map.of()),
                new ProcessorMetrics(broken, Clock.systemUTC()), 4, Duration.ofMinutes(1));

        assertTimeoutPreemptively(Duration.ofSeconds(30), () ->
                assertThatThrownBy(() -> attempts.run(keyed("a", "b"))).hasMessage("processing timer broke"));
    }

    @Test
    void abandonsTheBatchLoudlyWhenAWriteIsNeverAnswered() {
        ListAppender<ILoggingEvent> logged = capture();
        EventApplier neverAnswersOne = new EventApplier() {
            @Override
            public AppliedEvent apply(ConsumerRecord<byte[], byte[]> record) {
                throw new AssertionError("the first pass must not block");
            }

            @Override
            public CompletableFuture<AppliedEvent> applyAsync(ConsumerRecord<byte[], byte[]> record) {
                // Offset 1 is the write whose completion got lost; the others are answered as usual.
                return record.offset() == 1 ? new CompletableFuture<>()
                        : CompletableFuture.completedFuture(AppliedEvent.stored("CommentAdded", 0));
            }
        };

        assertTimeoutPreemptively(Duration.ofSeconds(30), () ->
                assertThatThrownBy(() -> firstAttempts(neverAnswersOne, 4, Duration.ofMillis(300))
                        .run(keyed("a", "b", "c", "b")))
                        .isInstanceOf(StuckWritesException.class)
                        .hasMessageContaining("catalog-events-0@1 (key b)")
                        .hasMessageNotContaining("@0").hasMessageNotContaining("@3"));
        assertThat(logged.list).anySatisfy(event -> {
            assertThat(event.getLevel()).isEqualTo(Level.ERROR);
            assertThat(event.getFormattedMessage()).contains("catalog-events-0@1 (key b)");
        });
    }

    @Test
    void doesNotCountAConnectOnTheCallingThreadAsTimeInFlight() {
        AtomicInteger calls = new AtomicInteger();
        EventApplier slowFirstConnect = new EventApplier() {
            @Override
            public AppliedEvent apply(ConsumerRecord<byte[], byte[]> record) {
                throw new AssertionError("the first pass must not block");
            }

            @Override
            public CompletableFuture<AppliedEvent> applyAsync(ConsumerRecord<byte[], byte[]> record) {
                if (calls.incrementAndGet() == 1) {
                    sleep(600); // the store connecting on first use, before anything is sent
                }
                CompletableFuture<AppliedEvent> result = new CompletableFuture<>();
                driverThreads.schedule(() -> result.complete(AppliedEvent.stored("CommentAdded", 0)), 20,
                        TimeUnit.MILLISECONDS);
                return result;
            }
        };

        var attempts = firstAttempts(slowFirstConnect, 4, Duration.ofMillis(300)).run(keyed("a", "b", "a"));

        assertThat(attempts).hasSize(3).allSatisfy((record, attempt) -> assertThat(attempt.applied()).isNotNull());
    }

    @Test
    void refusesABoundBelowOne() {
        assertThatThrownBy(() -> firstAttempts(record -> null, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesAnInFlightTimeoutThatIsNotPositive() {
        assertThatThrownBy(() -> firstAttempts(record -> null, 1, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static ListAppender<ILoggingEvent> capture() {
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        ((Logger) LoggerFactory.getLogger(FirstAttempts.class)).addAppender(appender);
        return appender;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A meter library bug, as it would surface on whichever thread records: the processing timer throws. */
    private static final class BrokenProcessingTimerRegistry extends SimpleMeterRegistry {

        @Override
        protected Timer newTimer(Meter.Id id, DistributionStatisticConfig config, PauseDetector pauseDetector) {
            if (!id.getName().equals(ProcessorMetrics.PROCESSING)) {
                return super.newTimer(id, config, pauseDetector);
            }
            return new CumulativeTimer(id, clock, config.merge(DistributionStatisticConfig.DEFAULT), pauseDetector,
                    TimeUnit.SECONDS) {
                @Override
                protected void recordNonNegative(long amount, TimeUnit unit) {
                    throw new IllegalStateException("processing timer broke");
                }
            };
        }
    }
}
