package dev.citadel.catalogapi.cassandra;

import com.github.benmanes.caffeine.cache.AsyncLoadingCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.citadel.catalog.domain.RatingSummary;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * Rating summaries reused for a short while. The summary is an aggregate over the item's whole ratings partition,
 * expired test-data rows included (kept three hours, schema V2), so its cost grows with every vote: under the
 * reference mix it was most of Cassandra's CPU per item read. Concurrent readers of one item share one query; a failed query is not kept, so
 * the next reader asks again (and a failure still answers 503). The price is a summary up to {@code maxAge} older
 * than the database; the rating itself is read from the database every time.
 */
final class RatingSummaryCache {
    private static final long MAX_ITEMS = 10_000;

    private final Function<UUID, CompletableFuture<RatingSummary>> query;
    /** Null when {@code maxAge} is zero: every read goes to Cassandra. */
    private final AsyncLoadingCache<UUID, RatingSummary> cache;

    /** @param query the summary query, e.g. {@code CatalogStore::ratingSummaryAsync} */
    RatingSummaryCache(Function<UUID, CompletableFuture<RatingSummary>> query, Duration maxAge) {
        this.query = query;
        this.cache = maxAge.isZero() || maxAge.isNegative() ? null : Caffeine.newBuilder()
                .maximumSize(MAX_ITEMS)
                .expireAfterWrite(maxAge)
                .buildAsync((UUID itemId, Executor executor) -> query.apply(itemId));
    }

    CompletableFuture<RatingSummary> get(UUID itemId) {
        return cache == null ? query.apply(itemId) : cache.get(itemId);
    }
}
