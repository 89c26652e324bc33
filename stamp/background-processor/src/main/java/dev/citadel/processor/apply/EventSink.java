package dev.citadel.processor.apply;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import dev.citadel.catalog.event.CatalogEvent;

/**
 * Writes one decoded event to the store, idempotently (upsert by id, idempotent deletes, write time = acceptedAt).
 * Failures are core's typed exceptions: {@code RetriableException} or {@code FatalException}.
 */
@FunctionalInterface
public interface EventSink {

    void write(CatalogEvent event);

    /**
     * The same write without blocking the caller; failures complete the stage exceptionally (possibly wrapped in a
     * {@link java.util.concurrent.CompletionException}). The default runs {@link #write} on the calling thread.
     */
    default CompletionStage<Void> writeAsync(CatalogEvent event) {
        try {
            write(event);
            return CompletableFuture.completedFuture(null);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
