package dev.citadel.health.kafka;

import dev.citadel.catalog.event.EventCodec;
import dev.citadel.catalog.event.EventHeaders;
import dev.citadel.catalog.event.HealthProbe;
import dev.citadel.health.check.CheckOutcome;
import dev.citadel.health.check.DependencyCalls;
import dev.citadel.health.check.HealthCheck;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * The message broker check (CITADEL.md §5): produces a {@link HealthProbe} event to the stamp's topic with acks=all
 * and waits for the acknowledgement. background-processor discards probes, so they never reach the database.
 */
public final class BrokerCheck implements HealthCheck, AutoCloseable {

    public static final String NAME = "message-broker";

    private final Producer<String, byte[]> producer;
    private final String topic;
    private final String source;
    private final Duration timeout;
    private final DependencyCalls calls;
    private final EventCodec codec = new EventCodec();

    public BrokerCheck(Producer<String, byte[]> producer, String topic, String source, Duration timeout,
            DependencyCalls calls) {
        this.producer = producer;
        this.topic = topic;
        this.source = source;
        this.timeout = timeout;
        this.calls = calls;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public CheckOutcome run() throws Exception {
        calls.record("kafka");
        HealthProbe probe = new HealthProbe(UUID.randomUUID(), source, System.currentTimeMillis(), 0);
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, probe.key(), codec.encode(probe));
        EventHeaders.forEvent(probe, null).forEach((k, v) -> record.headers().add(k, v));
        RecordMetadata ack = producer.send(record).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        return CheckOutcome.up("probe acknowledged by all in-sync replicas of " + topic + "-" + ack.partition());
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(2));
    }
}
