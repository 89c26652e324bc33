package dev.citadel.processor.replay;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;

import dev.citadel.processor.deadletter.DeadLetterHeaders;

/**
 * Moves the dead-letter topic's records back onto the main topic, so the processor tries them again (after the
 * operator fixed what made them fail). Each record keeps its key (same partition, same order per item), value and
 * original headers; the {@code dlq-*} headers are dropped: a record that
 * fails again is simply dead-lettered again, with fresh headers.
 *
 * <p>Only the records present when the replay starts are moved (end offsets taken up front), so a record that fails
 * again while the replay runs does not make it loop forever. DLQ offsets are committed per batch, after the main
 * topic acknowledged every record of the batch: a crash mid-replay re-sends at most one batch (the store is
 * idempotent, so duplicates are harmless) and never drops one.
 */
public final class DeadLetterReplayer {

    private final Consumer<byte[], byte[]> consumer;
    private final Producer<byte[], byte[]> producer;
    private final String deadLetterTopic;
    private final String targetTopic;
    private final Duration sendTimeout;

    public DeadLetterReplayer(Consumer<byte[], byte[]> consumer, Producer<byte[], byte[]> producer,
            String deadLetterTopic, String targetTopic, Duration sendTimeout) {
        this.consumer = Objects.requireNonNull(consumer, "consumer");
        this.producer = Objects.requireNonNull(producer, "producer");
        this.deadLetterTopic = Objects.requireNonNull(deadLetterTopic, "deadLetterTopic");
        this.targetTopic = Objects.requireNonNull(targetTopic, "targetTopic");
        this.sendTimeout = Objects.requireNonNull(sendTimeout, "sendTimeout");
    }

    /**
     * Replays every record that is on the dead-letter topic now.
     *
     * @param deadline give up (having committed what was replayed) after this long
     * @return the number of records replayed
     */
    public long replay(Duration deadline) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (PartitionInfo info : consumer.partitionsFor(deadLetterTopic, Duration.ofSeconds(30))) {
            partitions.add(new TopicPartition(info.topic(), info.partition()));
        }
        // assign(), not subscribe(): no rebalance can take a partition away mid-replay; offsets still commit
        // to the replay group.
        consumer.assign(partitions);
        Map<TopicPartition, Long> endAtStart = consumer.endOffsets(partitions, Duration.ofSeconds(30));
        long replayed = 0;
        long stopAt = System.nanoTime() + deadline.toNanos();
        while (!reachedEnd(endAtStart) && System.nanoTime() < stopAt) {
            replayed += replayBatch(consumer.poll(Duration.ofMillis(500)), endAtStart);
        }
        if (!reachedEnd(endAtStart)) {
            throw new IllegalStateException("replay did not reach the end of " + deadLetterTopic + " within "
                    + deadline + "; replayed " + replayed + " record(s), run it again to continue");
        }
        return replayed;
    }

    private boolean reachedEnd(Map<TopicPartition, Long> endAtStart) {
        for (Map.Entry<TopicPartition, Long> end : endAtStart.entrySet()) {
            if (consumer.position(end.getKey(), Duration.ofSeconds(30)) < end.getValue()) {
                return false;
            }
        }
        return true;
    }

    private long replayBatch(ConsumerRecords<byte[], byte[]> records, Map<TopicPartition, Long> endAtStart) {
        List<Future<?>> sends = new ArrayList<>();
        Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
        for (TopicPartition partition : records.partitions()) {
            long end = endAtStart.getOrDefault(partition, 0L);
            for (ConsumerRecord<byte[], byte[]> record : records.records(partition)) {
                if (record.offset() >= end) {
                    // Arrived after the replay started: leave it (uncommitted) for the next replay.
                    consumer.seek(partition, end);
                    break;
                }
                sends.add(producer.send(toMainTopic(record)));
                commit.put(partition, new OffsetAndMetadata(record.offset() + 1));
            }
        }
        awaitAll(sends);
        if (!commit.isEmpty()) {
            consumer.commitSync(commit);
        }
        return sends.size();
    }

    ProducerRecord<byte[], byte[]> toMainTopic(ConsumerRecord<byte[], byte[]> record) {
        RecordHeaders headers = new RecordHeaders();
        for (Header header : record.headers()) {
            if (!DeadLetterHeaders.isDeadLetterHeader(header.key())) {
                headers.add(header.key(), header.value());
            }
        }
        return new ProducerRecord<>(targetTopic, null, record.key(), record.value(), headers);
    }

    private void awaitAll(List<Future<?>> sends) {
        long deadline = System.nanoTime() + sendTimeout.toNanos();
        for (Future<?> send : sends) {
            try {
                send.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while replaying", e);
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException("main topic " + targetTopic + " did not acknowledge a replayed "
                        + "record; nothing of this batch was committed: " + e, e);
            }
        }
    }
}
