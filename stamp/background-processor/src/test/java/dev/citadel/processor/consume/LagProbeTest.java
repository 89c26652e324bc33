package dev.citadel.processor.consume;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import dev.citadel.processor.metrics.ProcessorMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

class LagProbeTest {

    private static final TopicPartition P0 = new TopicPartition("catalog-events", 0);
    private static final TopicPartition P1 = new TopicPartition("catalog-events", 1);

    private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
    private final ProcessorMetrics metrics = new ProcessorMetrics(new SimpleMeterRegistry(), Clock.systemUTC());

    @Test
    void sumsTheLagOfTheAssignedPartitionsFromTheConsumersOwnView() {
        consumer.assign(List.of(P0, P1));
        consumer.updateBeginningOffsets(Map.of(P0, 0L, P1, 0L));
        consumer.updateEndOffsets(Map.of(P0, 10L, P1, 5L));
        consumer.seek(P0, 4);
        consumer.seek(P1, 5);

        new LagProbe(consumer, metrics, Duration.ofSeconds(5)).maybeProbe();

        assertThat(metrics.lag()).isEqualTo(6);
    }

    @Test
    void measuresAtMostOncePerInterval() {
        consumer.assign(List.of(P0));
        consumer.updateEndOffsets(Map.of(P0, 10L));
        consumer.seek(P0, 0);
        LagProbe probe = new LagProbe(consumer, metrics, Duration.ofHours(1));
        probe.maybeProbe();
        consumer.seek(P0, 10);

        probe.maybeProbe();

        assertThat(metrics.lag()).isEqualTo(10);
    }

    @Test
    void reportsAnUnknownLagWithoutAnAssignment() {
        new LagProbe(consumer, metrics, Duration.ofSeconds(5)).maybeProbe();

        assertThat(metrics.lag()).isEqualTo(-1);
    }
}
