package dev.citadel.processor.apply;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import dev.citadel.catalog.event.CatalogEvent;
import dev.citadel.catalog.event.EventCodec;
import dev.citadel.catalog.event.HealthProbe;

/**
 * Decodes a record with core's {@link EventCodec} (which also runs core's validator: a bad payload is a
 * {@code PoisonEventException}) and writes it through the {@link EventSink}. Health probes prove the broker path
 * only and are discarded.
 */
public final class CatalogEventApplier implements EventApplier {

    private final EventCodec codec;
    private final EventSink sink;

    public CatalogEventApplier(EventCodec codec, EventSink sink) {
        this.codec = Objects.requireNonNull(codec, "codec");
        this.sink = Objects.requireNonNull(sink, "sink");
    }

    @Override
    public AppliedEvent apply(ConsumerRecord<byte[], byte[]> record) {
        CatalogEvent event = codec.decode(record.value());
        if (event instanceof HealthProbe) {
            return AppliedEvent.discarded(event.eventType());
        }
        sink.write(event);
        return AppliedEvent.stored(event.eventType(), event.acceptedAt());
    }

    @Override
    public CompletionStage<AppliedEvent> applyAsync(ConsumerRecord<byte[], byte[]> record) {
        CatalogEvent event;
        try {
            // Decoding is CPU only: done here, so a poison record fails before anything is sent.
            event = codec.decode(record.value());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        if (event instanceof HealthProbe) {
            return CompletableFuture.completedFuture(AppliedEvent.discarded(event.eventType()));
        }
        return sink.writeAsync(event).thenApply(done -> AppliedEvent.stored(event.eventType(), event.acceptedAt()));
    }
}
