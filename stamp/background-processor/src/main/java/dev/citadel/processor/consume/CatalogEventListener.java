package dev.citadel.processor.consume;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.kafka.listener.MessageListener;

import dev.citadel.catalog.event.EventHeaders;
import dev.citadel.processor.apply.AppliedEvent;
import dev.citadel.processor.apply.EventApplier;
import dev.citadel.processor.health.ConsumerHealth;
import dev.citadel.processor.metrics.ProcessorMetrics;
import dev.citadel.processor.retry.FailureClassifier;
import dev.citadel.processor.retry.FailureKind;

/**
 * Applies one record, on the listener container's consumer thread; retries, backoff, dead-lettering and commits are
 * the container's and its error handler's. A failure is classified here, by type, and rethrown as
 * {@link ApplyFailedException.Transient} (retried) or {@link ApplyFailedException.Permanent} (dead-lettered at once).
 *
 * <p>Counts failed deliveries per partition: the error handler redelivers the same record until it is stored or
 * dead-lettered, and the count ends up in the {@code dlq-attempts} header. Each partition is served by one consumer
 * thread at a time, so an entry is only ever written by one thread.
 */
public final class CatalogEventListener implements MessageListener<byte[], byte[]> {

    private static final Logger log = LoggerFactory.getLogger(CatalogEventListener.class);
    /** MDC key; the same name Micrometer Tracing uses, so log pipelines need one rule. */
    static final String TRACE_ID = "traceId";

    private final EventApplier applier;
    private final FailureClassifier classifier;
    private final ProcessorMetrics metrics;
    private final ConsumerHealth health;
    private final Map<TopicPartition, FailedDelivery> failures = new ConcurrentHashMap<>();

    public CatalogEventListener(EventApplier applier, FailureClassifier classifier, ProcessorMetrics metrics,
            ConsumerHealth health) {
        this.applier = Objects.requireNonNull(applier, "applier");
        this.classifier = Objects.requireNonNull(classifier, "classifier");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.health = Objects.requireNonNull(health, "health");
    }

    private record FailedDelivery(long offset, int failures) {
    }

    @Override
    public void onMessage(ConsumerRecord<byte[], byte[]> record) {
        // The request's W3C trace id, carried from catalog-api in the record header, on every log line of this record.
        String traceId = traceId(record);
        if (traceId != null) {
            MDC.put(TRACE_ID, traceId);
        }
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        long started = System.nanoTime();
        try {
            AppliedEvent applied = applier.apply(record);
            metrics.applied(applied, System.nanoTime() - started);
            failures.remove(partition);
            health.progressed();
        } catch (RuntimeException failure) {
            metrics.failedAttempt();
            health.error(failure);
            FailureKind kind = classifier.classify(failure);
            int attempt = failures.compute(partition, (tp, previous) -> new FailedDelivery(record.offset(),
                    previous != null && previous.offset() == record.offset() ? previous.failures() + 1 : 1))
                    .failures();
            if (kind == FailureKind.TRANSIENT) {
                log.warn("transient failure on {}@{} (attempt {}): {}", partition, record.offset(), attempt,
                        failure.toString());
            } else if (kind == FailureKind.STORE_UNREACHABLE) {
                log.warn("store unreachable on {}@{} (attempt {}), retrying until it is back: {}", partition,
                        record.offset(), attempt, failure.toString());
            }
            throw ApplyFailedException.of(kind, partition, attempt, failure);
        } finally {
            MDC.remove(TRACE_ID);
        }
    }

    static String traceId(ConsumerRecord<byte[], byte[]> record) {
        Header header = record.headers().lastHeader(EventHeaders.TRACEPARENT);
        if (header == null) {
            return null;
        }
        String traceparent = new String(header.value(), StandardCharsets.UTF_8);
        return EventHeaders.isValidTraceparent(traceparent) ? traceparent.substring(3, 35) : null;
    }
}
