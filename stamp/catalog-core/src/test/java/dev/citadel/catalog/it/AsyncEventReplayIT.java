package dev.citadel.catalog.it;

import dev.citadel.catalog.event.CatalogEvent;
import dev.citadel.catalog.store.CatalogStore;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Every replay case of {@link EventReplayIT} again, through {@link CatalogStore#applyAsync} (the processor's
 * concurrent path): the non-blocking statements must be exactly as idempotent as the blocking ones.
 */
class AsyncEventReplayIT extends EventReplayIT {

  @Override
  boolean deliver(CatalogEvent event) {
    try {
      return store.applyAsync(codec.decode(codec.encode(event))).toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("applyAsync failed", e);
    }
  }
}
