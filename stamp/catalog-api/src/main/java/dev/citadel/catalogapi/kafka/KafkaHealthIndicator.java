package dev.citadel.catalogapi.kafka;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Readiness of the broker: a live metadata round trip for the topic (the admin client does not answer from a cache,
 * unlike the producer). Needs only DESCRIBE on the topic, which the service's WRITE grant implies.
 */
class KafkaHealthIndicator implements HealthIndicator {

    private final Admin admin;
    private final String topic;
    private final int timeoutMs;

    KafkaHealthIndicator(Admin admin, String topic, int timeoutMs) {
        this.admin = admin;
        this.topic = topic;
        this.timeoutMs = timeoutMs;
    }

    @Override
    public Health health() {
        try {
            TopicDescription d = admin.describeTopics(List.of(topic), new DescribeTopicsOptions().timeoutMs(timeoutMs))
                    .allTopicNames().get(timeoutMs + 500L, TimeUnit.MILLISECONDS).get(topic);
            return Health.up().withDetail("topic", topic).withDetail("partitions", d.partitions().size()).build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Health.down().withDetail("topic", topic).withDetail("error", "interrupted").build();
        } catch (Exception e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            return Health.down().withDetail("topic", topic).withDetail("error", cause.getClass().getSimpleName())
                    .build();
        }
    }
}
