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

class RatingSummaryCacheTest {
    private final UUID item = UUID.randomUUID();
    private final AtomicInteger queries = new AtomicInteger();

    private CompletableFuture<RatingSummary> answer(UUID id) {
        return CompletableFuture.completedFuture(new RatingSummary(4.0, queries.incrementAndGet()));
    }

    @Test
    void readsOfOneItemWithinTheMaxAgeShareOneQuery() {
        RatingSummaryCache cache = new RatingSummaryCache(this::answer, Duration.ofHours(1));
        assertThat(cache.get(item).join()).isEqualTo(new RatingSummary(4.0, 1));
        assertThat(cache.get(item).join()).isEqualTo(new RatingSummary(4.0, 1));
        cache.get(UUID.randomUUID()).join();
        assertThat(queries).hasValue(2); // one per item
    }

    @Test
    void aZeroMaxAgeQueriesEveryTime() {
        RatingSummaryCache cache = new RatingSummaryCache(this::answer, Duration.ZERO);
        cache.get(item).join();
        assertThat(cache.get(item).join().numberOfVotes()).isEqualTo(2);
    }

    @Test
    void aSummaryOlderThanTheMaxAgeIsQueriedAgain() throws InterruptedException {
        RatingSummaryCache cache = new RatingSummaryCache(this::answer, Duration.ofMillis(50));
        cache.get(item).join();
        Thread.sleep(200);
        assertThat(cache.get(item).join().numberOfVotes()).isEqualTo(2);
    }

    @Test
    void aFailedQueryIsNotKeptAndItsFailureReachesTheReader() {
        AtomicInteger calls = new AtomicInteger();
        RatingSummaryCache cache = new RatingSummaryCache(id -> calls.incrementAndGet() == 1
                ? CompletableFuture.failedFuture(new RetriableException("read timeout"))
                : CompletableFuture.completedFuture(RatingSummary.NONE), Duration.ofHours(1));
        assertThatThrownBy(() -> CatalogStore.await(cache.get(item))).isInstanceOf(RetriableException.class);
        assertThat(CatalogStore.await(cache.get(item))).isEqualTo(RatingSummary.NONE);
        assertThat(calls).hasValue(2);
    }
}
