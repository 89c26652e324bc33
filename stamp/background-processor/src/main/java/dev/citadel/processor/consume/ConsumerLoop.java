package dev.citadel.processor.consume;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import dev.citadel.processor.health.ConsumerHealth;
import dev.citadel.processor.metrics.ProcessorMetrics;
import dev.citadel.processor.retry.RetryPolicy;

/**
 * The one consumer thread: poll a batch, settle every record ({@link BatchProcessor}), commit the settled offsets
 * with {@code commitSync}, repeat. Auto-commit is off, so an offset is committed only once its record is stored,
 * discarded or confirmed on the dead-letter topic.
 *
 * <p>Stop (Spring shutdown) sets a flag rather than calling {@code wakeup()}: a wakeup would abort the final
 * {@code commitSync}. The loop notices the flag within one poll timeout, finishes the batch in hand (a record waiting
 * for a retry is abandoned, not committed), commits, and closes the consumer.
 */
public final class ConsumerLoop implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ConsumerLoop.class);
    /** Backoff after a failed poll or batch: the broker or the dead-letter topic may be down. */
    private static final RetryPolicy LOOP_BACKOFF = new RetryPolicy(Duration.ofMillis(200), Duration.ofSeconds(10),
            Integer.MAX_VALUE);

    private final Supplier<Consumer<byte[], byte[]>> consumerFactory;
    private final String topic;
    private final Duration pollTimeout;
    private final Duration lagInterval;
    private final Duration shutdownTimeout;
    private final BatchProcessor processor;
    private final ConsumerHealth health;
    private final ProcessorMetrics metrics;

    private volatile boolean stopRequested;
    private volatile Thread thread;

    public ConsumerLoop(Supplier<Consumer<byte[], byte[]>> consumerFactory, String topic, Duration pollTimeout,
            Duration lagInterval, Duration shutdownTimeout, BatchProcessor processor, ConsumerHealth health,
            ProcessorMetrics metrics) {
        this.consumerFactory = Objects.requireNonNull(consumerFactory, "consumerFactory");
        this.topic = Objects.requireNonNull(topic, "topic");
        this.pollTimeout = Objects.requireNonNull(pollTimeout, "pollTimeout");
        this.lagInterval = Objects.requireNonNull(lagInterval, "lagInterval");
        this.shutdownTimeout = Objects.requireNonNull(shutdownTimeout, "shutdownTimeout");
        this.processor = Objects.requireNonNull(processor, "processor");
        this.health = Objects.requireNonNull(health, "health");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    @Override
    public synchronized void start() {
        if (isRunning()) {
            return;
        }
        stopRequested = false;
        Thread loop = new Thread(this::run, "catalog-events-consumer");
        health.loopStarted(loop);
        thread = loop;
        loop.start();
    }

    @Override
    public synchronized void stop() {
        stopRequested = true;
        health.loopStopping();
        Thread loop = thread;
        if (loop == null) {
            return;
        }
        try {
            loop.join(shutdownTimeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (loop.isAlive()) {
            log.warn("consumer loop still busy after {}; its uncommitted records will be delivered again",
                    shutdownTimeout);
        }
    }

    @Override
    public boolean isRunning() {
        Thread loop = thread;
        return loop != null && loop.isAlive();
    }

    private void run() {
        try (Consumer<byte[], byte[]> consumer = consumerFactory.get()) {
            PausingWaiter waiter = new PausingWaiter(consumer, pollTimeout, () -> stopRequested, health);
            LagProbe lag = new LagProbe(consumer, metrics, lagInterval);
            consumer.subscribe(List.of(topic), waiter);
            log.info("consuming {}", topic);
            int failuresInARow = 0;
            while (!stopRequested) {
                boolean ok = pollAndSettle(consumer, waiter);
                lag.maybeProbe();
                failuresInARow = ok ? 0 : failuresInARow + 1;
                if (!ok && !stopRequested) {
                    waiter.await(LOOP_BACKOFF.backoffAfter(Math.min(failuresInARow, 30),
                            ThreadLocalRandom.current()::nextDouble));
                }
            }
            log.info("consumer loop stopping: batch in hand committed, closing the consumer");
        } catch (RuntimeException | Error e) {
            // The thread dies; liveness reports it and the platform restarts the process.
            health.error(e);
            log.error("consumer loop died", e);
            throw e;
        }
    }

    /** One cycle; false when it failed and the loop should back off. */
    private boolean pollAndSettle(Consumer<byte[], byte[]> consumer, PausingWaiter waiter) {
        ConsumerRecords<byte[], byte[]> records;
        try {
            records = consumer.poll(pollTimeout);
        } catch (KafkaException e) {
            health.error(e);
            log.warn("poll failed: {}", e.toString());
            return false;
        }
        health.polled();
        health.assigned(consumer.assignment().size());
        if (records.isEmpty()) {
            health.progressed();
            return true;
        }
        BatchLedger ledger = new BatchLedger(records);
        waiter.ledger(ledger);
        boolean ok = true;
        try {
            processor.process(records, ledger, waiter, () -> stopRequested);
        } catch (RuntimeException e) {
            // Typically the dead-letter topic refused a record: keep it, and those behind it, for the next poll.
            ok = false;
            health.error(e);
            log.warn("batch interrupted, unsettled records will be polled again: {}", e.toString());
        } finally {
            waiter.ledger(null);
            commit(consumer, ledger.committableOffsets());
            if (!stopRequested) {
                seekBackToUnsettled(consumer, ledger);
            }
        }
        return ok;
    }

    private void commit(Consumer<byte[], byte[]> consumer, Map<TopicPartition, OffsetAndMetadata> offsets) {
        offsets.keySet().retainAll(consumer.assignment());
        if (offsets.isEmpty()) {
            return;
        }
        try {
            consumer.commitSync(offsets);
        } catch (KafkaException e) {
            // Safe: a later commit covers these offsets, or the records are delivered again (idempotent store).
            health.error(e);
            log.warn("commit of {} failed: {}", offsets, e.toString());
        }
    }

    /** Without this, the next poll would start after the unsettled records and a later commit would skip them. */
    private static void seekBackToUnsettled(Consumer<byte[], byte[]> consumer, BatchLedger ledger) {
        for (TopicPartition partition : ledger.partitions()) {
            OptionalLong first = ledger.firstUnsettled(partition);
            if (first.isPresent() && consumer.assignment().contains(partition)) {
                consumer.seek(partition, first.getAsLong());
            }
        }
    }
}
