package dev.citadel.processor.consume;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.TopicPartition;

import dev.citadel.processor.health.ConsumerHealth;
import dev.citadel.processor.metrics.ProcessorMetrics;

/**
 * Turns the consumers' own client metrics into the health inputs and the lag gauge, on a scheduler thread (the
 * consumers themselves are not thread-safe; their metrics are):
 * <ul>
 *   <li>lag = sum over the assigned partitions of {@code records-lag} (log end, or last stable offset, minus
 *       position, as of the partition's last fetch); unknown when nothing is assigned or no partition was fetched;</li>
 *   <li>last poll = the stalest consumer's {@code last-poll-seconds-ago};</li>
 *   <li>no lag counts as progress: an idle consumer is not a stalled one.</li>
 * </ul>
 */
public final class ConsumerObserver implements Runnable {

    static final String LAST_POLL = "last-poll-seconds-ago";
    static final String RECORDS_LAG = "records-lag";
    static final String CONSUMER_GROUP = "consumer-metrics";
    static final String FETCH_GROUP = "consumer-fetch-manager-metrics";

    private final Supplier<Collection<TopicPartition>> assignment;
    private final Supplier<Map<String, Map<MetricName, ? extends Metric>>> clientMetrics;
    private final ConsumerHealth health;
    private final ProcessorMetrics metrics;
    private final Clock clock;

    /**
     * @param assignment    the partitions assigned to all consumers of the container (null or empty when none)
     * @param clientMetrics the consumers' metrics by client id ({@code MessageListenerContainer.metrics()})
     */
    public ConsumerObserver(Supplier<Collection<TopicPartition>> assignment,
            Supplier<Map<String, Map<MetricName, ? extends Metric>>> clientMetrics, ConsumerHealth health,
            ProcessorMetrics metrics, Clock clock) {
        this.assignment = Objects.requireNonNull(assignment, "assignment");
        this.clientMetrics = Objects.requireNonNull(clientMetrics, "clientMetrics");
        this.health = Objects.requireNonNull(health, "health");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void run() {
        Collection<TopicPartition> assigned = assignment.get();
        int partitions = assigned == null ? 0 : assigned.size();
        health.assigned(partitions);
        Map<TopicPartition, Double> lags = new HashMap<>();
        double stalestPollSecondsAgo = -1;
        boolean everyConsumerPolled = true;
        Map<String, Map<MetricName, ? extends Metric>> all = clientMetrics.get();
        for (Map<MetricName, ? extends Metric> client : all.values()) {
            for (Map.Entry<MetricName, ? extends Metric> entry : client.entrySet()) {
                MetricName name = entry.getKey();
                if (LAST_POLL.equals(name.name()) && CONSUMER_GROUP.equals(name.group())) {
                    double ago = value(entry.getValue());
                    // -1: this consumer never polled.
                    everyConsumerPolled &= ago >= 0;
                    stalestPollSecondsAgo = Math.max(stalestPollSecondsAgo, ago);
                } else if (RECORDS_LAG.equals(name.name()) && FETCH_GROUP.equals(name.group())) {
                    String topic = name.tags().get("topic");
                    String partition = name.tags().get("partition");
                    double lag = value(entry.getValue());
                    if (topic != null && partition != null && Double.isFinite(lag)) {
                        lags.put(new TopicPartition(topic, Integer.parseInt(partition)), lag);
                    }
                }
            }
        }
        if (!all.isEmpty() && everyConsumerPolled && stalestPollSecondsAgo >= 0) {
            health.polledAt(clock.instant().minus(Duration.ofMillis((long) (stalestPollSecondsAgo * 1000))));
        }
        long lag = 0;
        boolean known = false;
        if (assigned != null) {
            for (TopicPartition partition : assigned) {
                Double partitionLag = lags.get(partition);
                if (partitionLag != null) {
                    lag += Math.max(0, partitionLag.longValue());
                    known = true;
                }
            }
        }
        if (!known) {
            metrics.lagUnknown();
            return;
        }
        metrics.lag(lag);
        if (lag == 0) {
            health.progressed();
        }
    }

    private static double value(Metric metric) {
        Object value = metric.metricValue();
        return value instanceof Number number ? number.doubleValue() : Double.NaN;
    }
}
