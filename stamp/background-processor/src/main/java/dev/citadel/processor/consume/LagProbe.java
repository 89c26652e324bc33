package dev.citadel.processor.consume;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;

import dev.citadel.processor.metrics.ProcessorMetrics;

/**
 * Measures the backlog (end offsets minus position) at most once per interval, on the loop thread (the consumer is
 * not thread-safe). A failed measurement makes the lag unknown rather than stale, so liveness does not act on it.
 */
final class LagProbe {

    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);

    private final Consumer<byte[], byte[]> consumer;
    private final ProcessorMetrics metrics;
    private final long intervalNanos;
    private long lastProbe;
    private boolean probed;

    LagProbe(Consumer<byte[], byte[]> consumer, ProcessorMetrics metrics, Duration interval) {
        this.consumer = consumer;
        this.metrics = metrics;
        this.intervalNanos = interval.toNanos();
    }

    void maybeProbe() {
        long now = System.nanoTime();
        if (probed && now - lastProbe < intervalNanos) {
            return;
        }
        probed = true;
        lastProbe = now;
        Set<TopicPartition> assignment = consumer.assignment();
        if (assignment.isEmpty()) {
            metrics.lagUnknown();
            return;
        }
        try {
            Map<TopicPartition, Long> ends = consumer.endOffsets(assignment, CALL_TIMEOUT);
            long lag = 0;
            for (TopicPartition partition : assignment) {
                Long end = ends.get(partition);
                if (end != null) {
                    lag += Math.max(0, end - consumer.position(partition, CALL_TIMEOUT));
                }
            }
            metrics.lag(lag);
        } catch (KafkaException e) {
            metrics.lagUnknown();
        }
    }
}
