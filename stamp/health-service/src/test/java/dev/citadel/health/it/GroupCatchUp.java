package dev.citadel.health.it;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Plays a caught-up background-processor for the lag signal: while enabled, it commits the topic's end offsets for
 * the processor's group on the real broker every 300 ms (as a processor that consumed and discarded everything
 * would). Pausing it is "the processor stopped while writes pile up".
 */
final class GroupCatchUp implements AutoCloseable {

    private final Admin admin;
    private final String topic;
    private final String group;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private volatile boolean enabled = true;

    GroupCatchUp(Admin admin, String topic, String group) {
        this.admin = admin;
        this.topic = topic;
        this.group = group;
        timer.scheduleWithFixedDelay(this::catchUp, 0, 300, TimeUnit.MILLISECONDS);
    }

    void pause() {
        enabled = false;
    }

    void resume() {
        enabled = true;
    }

    private void catchUp() {
        if (!enabled) {
            return;
        }
        try {
            List<Integer> partitions = admin.describeTopics(List.of(topic)).allTopicNames().get(5, TimeUnit.SECONDS)
                    .get(topic).partitions().stream().map(p -> p.partition()).toList();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            partitions.forEach(p -> latest.put(new TopicPartition(topic, p), OffsetSpec.latest()));
            Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
            admin.listOffsets(latest).all().get(5, TimeUnit.SECONDS)
                    .forEach((tp, info) -> commit.put(tp, new OffsetAndMetadata(info.offset())));
            if (enabled) {
                admin.alterConsumerGroupOffsets(group, commit).all().get(5, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            // The broker may be down on purpose; the next tick tries again.
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        admin.close(Duration.ofSeconds(2));
    }
}
