package dev.citadel.catalog.store;

import com.datastax.oss.driver.api.core.cql.BatchableStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import dev.citadel.catalog.domain.Rating;
import dev.citadel.catalog.domain.RatingSummary;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Votes keyed {@code ((item_id), id)}: one partition per item, so a vote is found or deleted by its two ids without
 * a lookup table, and the item's summary ({@link RatingSummaryTable}) is recomputed from one partition after every
 * add and delete — replays included, so a summary left stale (by a recomputation that lost a race) heals itself.
 *
 * <p>An add reads the vote first: the same id may arrive twice with two accept times (one client request accepted
 * by two stamps under one {@code Idempotency-Key}). A stored vote with the same value makes the add a no-op (its
 * {@code created_at} stays the first one); another value is a {@link ConflictingWriteException}, never an overwrite.
 */
final class RatingTable {

  private final StoreSession db;
  private final PreparedStatement insert;
  private final PreparedStatement select;
  private final RatingSummaryTable summaries;
  private final PreparedStatement delete;
  private final PreparedStatement deletePartition;

  RatingTable(StoreSession db, RatingSummaryTable summaries) {
    this.db = db;
    this.summaries = summaries;
    insert = db.prepare("INSERT INTO {ks}.ratings_by_item (item_id, id, rating, created_at) VALUES (?, ?, ?, ?) "
        + "USING TTL ?");
    select = db.prepare("SELECT item_id, id, rating, created_at FROM {ks}.ratings_by_item "
        + "WHERE item_id = ? AND id = ?");
    delete = db.prepare("DELETE FROM {ks}.ratings_by_item WHERE item_id = ? AND id = ?");
    deletePartition = db.prepare("DELETE FROM {ks}.ratings_by_item WHERE item_id = ?");
  }

  void add(Rating r, long writeTimeMicros, int ttlSeconds) {
    if (!alreadyStored(r, db.execute("read rating", db.bind(select, r.catalogItemId(), r.id())).one())) {
      db.execute("write rating",
          db.bindAt(writeTimeMicros, insert, r.catalogItemId(), r.id(), r.rating(), r.creationDate(), ttlSeconds));
    }
    StoreSession.await(summaries.recomputeAsync(r.catalogItemId()));
  }

  CompletionStage<Void> addAsync(Rating r, long writeTimeMicros, int ttlSeconds) {
    return db.executeAsync("read rating", db.bind(select, r.catalogItemId(), r.id()))
        .thenCompose(rs -> {
          if (alreadyStored(r, rs.one())) {
            return CompletableFuture.<Void>completedFuture(null);
          }
          return db.executeAsync("write rating", db.bindAt(writeTimeMicros, insert, r.catalogItemId(), r.id(),
              r.rating(), r.creationDate(), ttlSeconds)).thenApply(done -> null);
        })
        .thenCompose(done -> summaries.recomputeAsync(r.catalogItemId()));
  }

  private static boolean alreadyStored(Rating r, Row stored) {
    if (stored == null) {
      return false;
    }
    if (Objects.equals(stored.getInt("rating"), r.rating())) {
      return true;
    }
    throw new ConflictingWriteException("rating", r.catalogItemId(), r.id());
  }

  Optional<Rating> find(UUID itemId, UUID ratingId) {
    Row row = db.execute("read rating", db.bind(select, itemId, ratingId)).one();
    return row == null ? Optional.empty() : Optional.of(new Rating(row.getUuid("id"), row.getUuid("item_id"),
        row.getInt("rating"), row.getInstant("created_at")));
  }

  RatingSummary summary(UUID itemId) {
    return StoreSession.await(summaries.readAsync(itemId));
  }

  CompletableFuture<RatingSummary> summaryAsync(UUID itemId) {
    return summaries.readAsync(itemId);
  }

  void delete(UUID itemId, UUID ratingId, long writeTimeMicros) {
    db.execute("delete rating", db.bindAt(writeTimeMicros, delete, itemId, ratingId));
    StoreSession.await(summaries.recomputeAsync(itemId));
  }

  CompletionStage<Void> deleteAsync(UUID itemId, UUID ratingId, long writeTimeMicros) {
    return db.executeAsync("delete rating", db.bindAt(writeTimeMicros, delete, itemId, ratingId))
        .thenCompose(rs -> summaries.recomputeAsync(itemId));
  }

  /** The statement that deletes every vote of the item; run {@link #recomputeSummaryAsync} after it. */
  List<BatchableStatement<?>> deleteAllStatements(UUID itemId) {
    return List.of(db.bind(deletePartition, itemId));
  }

  CompletableFuture<Void> recomputeSummaryAsync(UUID itemId) {
    return summaries.recomputeAsync(itemId);
  }
}
