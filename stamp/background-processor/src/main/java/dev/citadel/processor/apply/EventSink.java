package dev.citadel.processor.apply;

import dev.citadel.catalog.event.CatalogEvent;

/**
 * Writes one decoded event to the store, idempotently (upsert by id, idempotent deletes, write time = acceptedAt).
 * Failures are core's typed exceptions: {@code RetriableException} or {@code FatalException}.
 */
@FunctionalInterface
public interface EventSink {

    void write(CatalogEvent event);
}
