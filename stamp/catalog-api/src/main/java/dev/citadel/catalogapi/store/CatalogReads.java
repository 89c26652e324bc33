package dev.citadel.catalogapi.store;

import dev.citadel.catalog.domain.CatalogItem;
import dev.citadel.catalog.domain.Comment;
import dev.citadel.catalog.domain.Rating;
import dev.citadel.catalog.domain.RatingSummary;
import dev.citadel.catalog.domain.StoredImage;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The reads the API serves (LOCAL_QUORUM in the stamp's DC). Implementations throw
 * {@link dev.citadel.catalogapi.problem.DependencyUnavailableException} when the database does not answer in time and
 * {@link dev.citadel.catalogapi.problem.InvalidParameterException} for an unusable paging token.
 */
public interface CatalogReads {

    /** The item with its rating summary, as stored now. */
    Optional<CatalogItem> findItem(UUID id);

    /**
     * {@link #findItem} for serving {@code GET /catalogitem/{id}}: may be up to {@code item-max-age} older than the
     * database (never older than this instance's own last write of the item). Never decide a write on it.
     */
    default Optional<CatalogItem> findItemToServe(UUID id) {
        return findItem(id);
    }

    /** Cheaper than {@link #findItem}: one read of the item's key column, no rating summary. */
    boolean itemExists(UUID id);

    /** Items sorted by name, without description. */
    Page<CatalogItem> listItems(int limit, String pageToken);

    /** Newest first, paged like {@link #listItems} ({@code pageToken} null for the first page). */
    Page<Comment> listComments(UUID itemId, int limit, String pageToken);

    Optional<Comment> findComment(UUID itemId, UUID commentId);

    Optional<Rating> findRating(UUID itemId, UUID ratingId);

    RatingSummary ratingSummary(UUID itemId);

    Optional<StoredImage> findImage(UUID imageId);
}
