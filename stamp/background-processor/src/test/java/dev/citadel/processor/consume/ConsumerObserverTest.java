package dev.citadel.processor.consume;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import dev.citadel.processor.health.ConsumerHealth;
import dev.citadel.processor.metrics.ProcessorMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

class ConsumerObserverTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-26T06:00:00Z"), ZoneOffset.UTC);
    private final ProcessorMetrics metrics = new ProcessorMetrics(new SimpleMeterRegistry(), clock);
    private final ConsumerHealth health = new ConsumerHealth(clock, Duration.ofSeconds(30), Duration.ofMinutes(2),
            metrics::lag);
    private Collection<TopicPartition> assigned = List.of();
    private final Map<String, Map<MetricName, ? extends Metric>> clients = new HashMap<>();
    private final ConsumerObserver observer = new ConsumerObserver(() -> assigned, () -> clients, health, metrics,
            clock);

    private static Map.Entry<MetricName, Metric> metric(String name, String group, Map<String, String> tags,
            double value) {
        MetricName metricName = new MetricName(name, group, "", tags);
        return Map.entry(metricName, new Metric() {
            @Override
            public MetricName metricName() {
                return metricName;
            }

            @Override
            public Object metricValue() {
                return value;
            }
        });
    }

    @SafeVarargs
    private void client(String id, Map.Entry<MetricName, Metric>... metrics) {
        Map<MetricName, Metric> map = new HashMap<>();
        for (Map.Entry<MetricName, Metric> m : metrics) {
            map.put(m.getKey(), m.getValue());
        }
        clients.put(id, map);
    }

    private static Map.Entry<MetricName, Metric> lag(int partition, double value) {
        return metric(ConsumerObserver.RECORDS_LAG, ConsumerObserver.FETCH_GROUP,
                Map.of("client-id", "c", "topic", "catalog-events", "partition", Integer.toString(partition)), value);
    }

    private static Map.Entry<MetricName, Metric> lastPoll(double secondsAgo) {
        return metric(ConsumerObserver.LAST_POLL, ConsumerObserver.CONSUMER_GROUP, Map.of("client-id", "c"),
                secondsAgo);
    }

    @Test
    void sumsTheLagOfTheAssignedPartitionsAndIsReadyWhenEveryConsumerPolledRecently() {
        assigned = List.of(new TopicPartition("catalog-events", 0), new TopicPartition("catalog-events", 1));
        client("c-0", lastPoll(1), lag(0, 5));
        client("c-1", lastPoll(3), lag(1, 7), lag(2, 100));

        observer.run();

        assertThat(metrics.lag()).isEqualTo(12);
        assertThat(health.assignedPartitions()).isEqualTo(2);
        assertThat(health.readiness().healthy()).isTrue();
    }

    @Test
    void notReadyWhileAConsumerNeverPolledAndTheLagIsUnknownBeforeAnyFetch() {
        assigned = List.of(new TopicPartition("catalog-events", 0));
        client("c-0", lastPoll(-1));

        observer.run();

        assertThat(metrics.lag()).isEqualTo(-1);
        assertThat(health.readiness().healthy()).isFalse();
    }

    @Test
    void theStalestConsumerDecidesReadiness() {
        assigned = List.of(new TopicPartition("catalog-events", 0));
        client("c-0", lastPoll(1), lag(0, 0));
        client("c-1", lastPoll(31));

        observer.run();

        assertThat(health.readiness().detail()).contains("no poll within 30 s");
    }
}
