package dev.citadel.catalogapi.kafka;

import dev.citadel.catalog.event.CatalogEvent;
import dev.citadel.catalog.event.EventCodec;
import dev.citadel.catalog.event.EventHeaders;
import dev.citadel.catalogapi.config.CatalogApiProperties;
import dev.citadel.catalogapi.events.EventPublisher;
import dev.citadel.catalogapi.problem.DependencyUnavailableException;
import dev.citadel.servicedefaults.trace.TraceContext;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Produces async writes to the stamp's topic and waits, bounded, for the broker's acknowledgement (acks=all).
 * Any failure or a wait past {@code ackTimeout} is a {@link DependencyUnavailableException} (503): the API never
 * answers 202 for a record that is not durably in Kafka. A record that times out here may still be delivered later
 * by the producer's retries; the client was told 503 and may retry, and the processor's writes are idempotent by id.
 */
public class KafkaEventPublisher implements EventPublisher, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaEventPublisher.class);

    private final Producer<String, byte[]> producer;
    private final String topic;
    private final Duration ackTimeout;
    private final EventCodec codec = new EventCodec();

    public KafkaEventPublisher(Producer<String, byte[]> producer, CatalogApiProperties.Kafka kafka) {
        this.producer = producer;
        this.topic = kafka.topic();
        this.ackTimeout = kafka.ackTimeout();
    }

    @Override
    public void publish(CatalogEvent event, TraceContext trace) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, event.key(), codec.encode(event));
        for (Map.Entry<String, byte[]> h : EventHeaders.forEvent(event, trace.toTraceparent()).entrySet()) {
            record.headers().add(h.getKey(), h.getValue());
        }
        long started = System.nanoTime();
        try {
            // send() itself may block up to max.block.ms (metadata): that is part of the bound.
            Future<RecordMetadata> ack = producer.send(record);
            long left = ackTimeout.toNanos() - (System.nanoTime() - started);
            RecordMetadata meta = ack.get(Math.max(left, 0), TimeUnit.NANOSECONDS);
            LOG.debug("{} for item {} acknowledged at {}-{}@{}", event.eventType(), event.key(), meta.topic(),
                    meta.partition(), meta.offset());
        } catch (TimeoutException e) {
            throw new DependencyUnavailableException("kafka", e);
        } catch (ExecutionException e) {
            throw new DependencyUnavailableException("kafka", e.getCause());
        } catch (KafkaException e) {
            throw new DependencyUnavailableException("kafka", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DependencyUnavailableException("kafka", e);
        }
    }

    /**
     * Fetches the topic's metadata so the producer connects and authenticates before the first request needs it;
     * otherwise the first write after startup pays TLS + SCRAM + metadata inside its ack bound.
     *
     * @return true once the broker answered
     */
    boolean warmUp() {
        try {
            return !producer.partitionsFor(topic).isEmpty();
        } catch (KafkaException e) {
            LOG.debug("producer warm-up for {} not done yet: {}", topic, e.getClass().getSimpleName());
            return false;
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
