package dev.citadel.catalogapi.cassandra;

import com.github.benmanes.caffeine.cache.AsyncLoadingCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * Answers of one read reused for a short while, per item id (Caffeine, bounded). Concurrent readers of one item
 * share one query; a failed query is not kept, so the next reader asks again (and a failure still answers 503).
 * The price is an answer up to {@code maxAge} older than the database; {@link #invalidate} after a write made
 * through this instance, so its own writes are read back at once.
 */
final class ReadCache<V> {
    private static final long MAX_ITEMS = 10_000;

    private final Function<UUID, CompletableFuture<V>> query;
    /** Null when {@code maxAge} is zero: every read goes to Cassandra. */
    private final AsyncLoadingCache<UUID, V> cache;

    /** @param query the read, e.g. {@code CatalogStore::ratingSummaryAsync} */
    ReadCache(Function<UUID, CompletableFuture<V>> query, Duration maxAge) {
        this.query = query;
        this.cache = maxAge.isZero() || maxAge.isNegative() ? null : Caffeine.newBuilder()
                .maximumSize(MAX_ITEMS)
                .expireAfterWrite(maxAge)
                .buildAsync((UUID itemId, Executor executor) -> query.apply(itemId));
    }

    CompletableFuture<V> get(UUID itemId) {
        return cache == null ? query.apply(itemId) : cache.get(itemId);
    }

    /** Forgets the item's answer, including one still being read (its readers still get it). */
    void invalidate(UUID itemId) {
        if (cache != null) {
            cache.synchronous().invalidate(itemId);
        }
    }
}
