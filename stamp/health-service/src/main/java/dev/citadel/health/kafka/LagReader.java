package dev.citadel.health.kafka;

import dev.citadel.health.check.DependencyCalls;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Consumer lag of the processor's group on the stamp topic, from the broker alone (no central store): end offsets
 * minus committed offsets, summed over partitions. A partition the group never committed counts from its log start,
 * because the processor starts from the earliest record ({@code auto.offset.reset=earliest}).
 */
public final class LagReader implements AutoCloseable {

    private final Admin admin;
    private final String topic;
    private final String group;
    private final Duration timeout;
    private final DependencyCalls calls;

    public LagReader(Admin admin, String topic, String group, Duration timeout, DependencyCalls calls) {
        this.admin = admin;
        this.topic = topic;
        this.group = group;
        this.timeout = timeout;
        this.calls = calls;
    }

    /** Records produced but not yet committed by the group. */
    public long lag() throws Exception {
        calls.record("kafka-admin");
        long ms = timeout.toMillis();
        TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames()
                .get(ms, TimeUnit.MILLISECONDS).get(topic);
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
        description.partitions().forEach(p -> {
            TopicPartition tp = new TopicPartition(topic, p.partition());
            latest.put(tp, OffsetSpec.latest());
            earliest.put(tp, OffsetSpec.earliest());
        });
        Map<TopicPartition, ListOffsetsResultInfo> ends =
                admin.listOffsets(latest).all().get(ms, TimeUnit.MILLISECONDS);
        Map<TopicPartition, ListOffsetsResultInfo> starts =
                admin.listOffsets(earliest).all().get(ms, TimeUnit.MILLISECONDS);
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(ms, TimeUnit.MILLISECONDS);
        return lag(ends, starts, committed);
    }

    static long lag(Map<TopicPartition, ListOffsetsResultInfo> ends, Map<TopicPartition, ListOffsetsResultInfo> starts,
            Map<TopicPartition, OffsetAndMetadata> committed) {
        long total = 0;
        for (Map.Entry<TopicPartition, ListOffsetsResultInfo> e : ends.entrySet()) {
            OffsetAndMetadata done = committed.get(e.getKey());
            long from = done != null ? done.offset() : starts.get(e.getKey()).offset();
            total += Math.max(0, e.getValue().offset() - from);
        }
        return total;
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(2));
    }
}
