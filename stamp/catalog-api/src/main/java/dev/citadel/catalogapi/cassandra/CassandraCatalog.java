package dev.citadel.catalogapi.cassandra;

import dev.citadel.catalog.domain.CatalogItem;
import dev.citadel.catalog.domain.Comment;
import dev.citadel.catalog.domain.Rating;
import dev.citadel.catalog.domain.RatingSummary;
import dev.citadel.catalog.domain.StoredImage;
import dev.citadel.catalog.error.RetriableException;
import dev.citadel.catalog.store.CatalogStore;
import dev.citadel.catalog.store.IdempotencyClaim;
import dev.citadel.catalogapi.store.IdempotencyClaims;
import dev.citadel.catalogapi.web.RequestDeadline;
import dev.citadel.catalog.validation.ValidationException;
import dev.citadel.catalogapi.problem.DependencyUnavailableException;
import dev.citadel.catalogapi.problem.InvalidParameterException;
import dev.citadel.catalogapi.store.CatalogReads;
import dev.citadel.catalogapi.store.ItemWrites;
import dev.citadel.catalogapi.store.Page;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The API's ports backed by catalog-core's {@link CatalogStore}. Translates the store's typed failures into API
 * outcomes: retriable (timeouts, unavailable replicas, a node gone) → 503; a bad paging token → 400. Fatal failures
 * propagate: the advice still answers 503 when the driver raised them for a dependency reason, else a logged 500.
 */
class CassandraCatalog implements CatalogReads, ItemWrites, IdempotencyClaims {

    private final CatalogStore store;
    private final ReadCache<RatingSummary> summaries;
    private final ReadCache<Optional<CatalogItem>> served;
    private final boolean claimLocallyWhenPeerDown;

    /**
     * @param ratingSummaryMaxAge how long {@code GET …/ratings} reuses a summary (0: never)
     * @param itemMaxAge          how long {@code GET /catalogitem/{id}} reuses an item with its summary, a missing
     *                            item included (0: never)
     * @param claimLocallyWhenPeerDown claim a key in this data centre alone when the other cannot take part
     */
    CassandraCatalog(CatalogStore store, Duration ratingSummaryMaxAge, Duration itemMaxAge,
            boolean claimLocallyWhenPeerDown) {
        this.store = store;
        this.claimLocallyWhenPeerDown = claimLocallyWhenPeerDown;
        this.summaries = new ReadCache<>(store::ratingSummaryAsync, ratingSummaryMaxAge);
        this.served = new ReadCache<>(store::findItemWithRatingAsync, itemMaxAge);
    }

    /** Item and summary row read at once, from Cassandra (what an update decides on). */
    @Override
    public Optional<CatalogItem> findItem(UUID id) {
        return call(() -> CatalogStore.await(store.findItemWithRatingAsync(id)));
    }

    @Override
    public Optional<CatalogItem> findItemToServe(UUID id) {
        return call(() -> CatalogStore.await(served.get(id)));
    }

    @Override
    public boolean itemExists(UUID id) {
        return call(() -> store.itemExists(id));
    }

    @Override
    public Page<CatalogItem> listItems(int limit, String pageToken) {
        try {
            var page = call(() -> store.listItems(limit, pageToken));
            return new Page<>(page.items(), page.nextPageToken());
        } catch (ValidationException e) {
            throw new InvalidParameterException("continuationToken", "continuationToken is not a valid token");
        }
    }

    @Override
    public Page<Comment> listComments(UUID itemId, int limit, String pageToken) {
        try {
            var page = call(() -> store.listComments(itemId, limit, pageToken));
            return new Page<>(page.items(), page.nextPageToken());
        } catch (ValidationException e) {
            // Well-formed base64 but not a paging state of this query (or tampered with): the client's fault.
            throw new InvalidParameterException("continuationToken", "continuationToken is not a valid token");
        }
    }

    @Override
    public Optional<Comment> findComment(UUID itemId, UUID commentId) {
        return call(() -> store.findComment(itemId, commentId));
    }

    @Override
    public Optional<Rating> findRating(UUID itemId, UUID ratingId) {
        return call(() -> store.findRating(itemId, ratingId));
    }

    @Override
    public RatingSummary ratingSummary(UUID itemId) {
        return call(() -> CatalogStore.await(summaries.get(itemId)));
    }

    @Override
    public Optional<StoredImage> findImage(UUID imageId) {
        return call(() -> store.findImage(imageId));
    }

    @Override
    public void saveItem(CatalogItem item, Optional<StoredImage> image) {
        call(() -> {
            image.ifPresent(store::putImage);
            store.upsertItem(item);
            // After the write: a read that starts now sees it, and none can bring the old answer back.
            served.invalidate(item.id());
            return null;
        });
    }

    @Override
    public IdempotencyClaim claim(UUID id, byte[] fingerprint) {
        return call(() -> store.claim(id, fingerprint, claimLocallyWhenPeerDown));
    }

    /** A cheap LOCAL_QUORUM read of the item table (its key only): what readiness needs to know. */
    void probe() {
        call(() -> store.itemExists(new UUID(0, 0)));
    }

    private static <T> T call(Supplier<T> operation) {
        try {
            // No statement of a request outlives its deadline: the answer is a 503 before the edge gives up.
            return RequestDeadline.current().bound(operation);
        } catch (RetriableException e) {
            throw new DependencyUnavailableException("cassandra", e);
        }
    }
}
