package dev.citadel.catalogapi.cassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.citadel.catalog.domain.RatingSummary;
import dev.citadel.catalog.error.RetriableException;
import dev.citadel.catalog.store.CatalogStore;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ReadCacheTest {
    private final UUID item = UUID.randomUUID();
    private final AtomicInteger queries = new AtomicInteger();

    private CompletableFuture<RatingSummary> answer(UUID id) {
        return CompletableFuture.completedFuture(new RatingSummary(4.0, queries.incrementAndGet()));
    }

    @Test
    void readsOfOneItemWithinTheMaxAgeShareOneQuery() {
        ReadCache<RatingSummary> cache = new ReadCache<>(this::answer, Duration.ofHours(1));
        assertThat(cache.get(item).join()).isEqualTo(new RatingSummary(4.0, 1));
        assertThat(cache.get(item).join()).isEqualTo(new RatingSummary(4.0, 1));
        cache.get(UUID.randomUUID()).join();
        assertThat(queries).hasValue(2); // one per item
    }

    @Test
    void aZeroMaxAgeQueriesEveryTime() {
        ReadCache<RatingSummary> cache = new ReadCache<>(this::answer, Duration.ZERO);
        cache.get(item).join();
        assertThat(cache.get(item).join().numberOfVotes()).isEqualTo(2);
    }

    @Test
    void aSummaryOlderThanTheMaxAgeIsQueriedAgain() throws InterruptedException {
        ReadCache<RatingSummary> cache = new ReadCache<>(this::answer, Duration.ofMillis(50));
        cache.get(item).join();
        Thread.sleep(200);
        assertThat(cache.get(item).join().numberOfVotes()).isEqualTo(2);
    }

    @Test
    void aFailedQueryIsNotKeptAndItsFailureReachesTheReader() {
        AtomicInteger calls = new AtomicInteger();
        ReadCache<RatingSummary> cache = new ReadCache<>(id -> calls.incrementAndGet() == 1
                ? CompletableFuture.failedFuture(new RetriableException("read timeout"))
                : CompletableFuture.completedFuture(RatingSummary.NONE), Duration.ofHours(1));
        assertThatThrownBy(() -> CatalogStore.await(cache.get(item))).isInstanceOf(RetriableException.class);
        assertThat(CatalogStore.await(cache.get(item))).isEqualTo(RatingSummary.NONE);
        assertThat(calls).hasValue(2);
    }

    @Test
    void anInvalidatedItemIsQueriedAgainAndOthersStayCached() {
        ReadCache<RatingSummary> cache = new ReadCache<>(this::answer, Duration.ofHours(1));
        UUID other = UUID.randomUUID();
        cache.get(item).join();
        cache.get(other).join();
        cache.invalidate(item);
        assertThat(cache.get(item).join().numberOfVotes()).isEqualTo(3);
        assertThat(cache.get(other).join().numberOfVotes()).isEqualTo(2);
        new ReadCache<RatingSummary>(this::answer, Duration.ZERO).invalidate(item); // nothing cached, nothing to do
    }
}
