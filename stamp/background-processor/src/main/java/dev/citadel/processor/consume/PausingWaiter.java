package dev.citadel.processor.consume;

import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.function.BooleanSupplier;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.citadel.processor.health.ConsumerHealth;

/**
 * Keeps this member in the group while a record waits for its retry, and keeps the batch's bookkeeping right when
 * the group rebalances meanwhile.
 *
 * <p>Waiting = pausing every assigned partition and calling {@code poll} until the backoff has elapsed: each poll
 * resets the max.poll.interval.ms timer (so the partition is not taken away for being slow) and returns no records.
 * Partitions assigned during the wait are paused too. Should a poll return records anyway, the consumer seeks back
 * to them, so none is skipped.
 *
 * <p>As the rebalance listener: on revocation the settled prefix of the batch in hand is committed for the revoked
 * partitions and the rest of their records is abandoned (the next owner gets them again); lost partitions are
 * abandoned without a commit (the commit would fail anyway).
 *
 * <p>Used only on the consumer loop's thread (the consumer calls the listener from inside {@code poll}).
 */
final class PausingWaiter implements RetryWaiter, ConsumerRebalanceListener {

    private static final Logger log = LoggerFactory.getLogger(PausingWaiter.class);

    private final Consumer<byte[], byte[]> consumer;
    private final Duration pollTimeout;
    private final BooleanSupplier stopRequested;
    private final ConsumerHealth health;
    private final Set<TopicPartition> pausedByUs = new HashSet<>();
    private BatchLedger ledger;
    private boolean waiting;

    PausingWaiter(Consumer<byte[], byte[]> consumer, Duration pollTimeout, BooleanSupplier stopRequested,
            ConsumerHealth health) {
        this.consumer = Objects.requireNonNull(consumer, "consumer");
        this.pollTimeout = Objects.requireNonNull(pollTimeout, "pollTimeout");
        this.stopRequested = Objects.requireNonNull(stopRequested, "stopRequested");
        this.health = Objects.requireNonNull(health, "health");
    }

    /** The batch in hand, or null between batches. */
    void ledger(BatchLedger ledger) {
        this.ledger = ledger;
    }

    @Override
    public void await(Duration backoff) {
        long deadline = System.nanoTime() + backoff.toNanos();
        waiting = true;
        pauseAll(consumer.assignment());
        try {
            long remaining;
            while (!stopRequested.getAsBoolean() && (remaining = deadline - System.nanoTime()) > 0) {
                Duration slice = Duration.ofNanos(Math.min(remaining, pollTimeout.toNanos()));
                try {
                    seekBackToAnyReturned(consumer.poll(slice));
                    health.polled();
                } catch (KafkaException e) {
                    // The broker may be down as well; the wait goes on, the loop decides what to do after it.
                    health.error(e);
                    sleepQuietly(slice);
                }
            }
        } finally {
            waiting = false;
            Set<TopicPartition> resume = new HashSet<>(pausedByUs);
            resume.retainAll(consumer.assignment());
            consumer.resume(resume);
            pausedByUs.clear();
        }
    }

    private void pauseAll(Collection<TopicPartition> partitions) {
        Set<TopicPartition> toPause = new HashSet<>(partitions);
        toPause.removeAll(consumer.paused());
        consumer.pause(toPause);
        pausedByUs.addAll(toPause);
    }

    private void seekBackToAnyReturned(ConsumerRecords<byte[], byte[]> unexpected) {
        for (TopicPartition partition : unexpected.partitions()) {
            long first = unexpected.records(partition).get(0).offset();
            log.warn("poll returned records of paused {} while waiting; seeking back to {}", partition, first);
            consumer.seek(partition, first);
        }
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        pausedByUs.removeAll(partitions);
        if (ledger == null || partitions.isEmpty()) {
            return;
        }
        try {
            var offsets = ledger.committableOffsets(partitions);
            if (!offsets.isEmpty()) {
                consumer.commitSync(offsets);
            }
        } catch (KafkaException e) {
            // Not fatal: the uncommitted records are delivered again to the next owner, and writes are idempotent.
            log.warn("commit on revocation of {} failed: {}", partitions, e.toString());
        }
        partitions.forEach(ledger::abandon);
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
        pausedByUs.removeAll(partitions);
        if (ledger != null) {
            partitions.forEach(ledger::abandon);
        }
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        health.assigned(consumer.assignment().size());
        if (waiting) {
            pauseAll(partitions);
        }
    }

    private static void sleepQuietly(Duration duration) {
        try {
            Thread.sleep(Math.max(1, duration.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
