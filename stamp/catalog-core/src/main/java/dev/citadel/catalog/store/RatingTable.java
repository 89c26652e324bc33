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
 * Votes keyed {@code ((item_id), id)}: one partition per item, so the average and the count are one aggregate
 * query computed by the replicas ({@code avg(cast(rating as double))}, {@code count(*)}), and a vote is found or
 * deleted by its two ids without a lookup table.
 *
 * <p>An add reads the vote first: the same id may arrive twice with two accept times (one client request accepted
 * by two stamps under one {@code Idempotency-Key}). A stored vote with the same value makes the add a no-op (its
 * {@code created_at} stays the first one); another value is a {@link ConflictingWriteException}, never an overwrite.
 */
final class RatingTable {

  private final StoreSession db;
  private final PreparedStatement insert;
  private final PreparedStatement select;
  private final PreparedStatement summary;
  private final PreparedStatement delete;
  private final PreparedStatement deletePartition;

  RatingTable(StoreSession db) {
    this.db = db;
    insert = db.prepare("INSERT INTO {ks}.ratings_by_item (item_id, id, rating, created_at) VALUES (?, ?, ?, ?) "
        + "USING TTL ?");
    select = db.prepare("SELECT item_id, id, rating, created_at FROM {ks}.ratings_by_item "
        + "WHERE item_id = ? AND id = ?");
    summary = db.prepare("SELECT avg(cast(rating AS double)) AS average, count(*) AS votes "
        + "FROM {ks}.ratings_by_item WHERE item_id = ?");
    delete = db.prepare("DELETE FROM {ks}.ratings_by_item WHERE item_id = ? AND id = ?");
    deletePartition = db.prepare("DELETE FROM {ks}.ratings_by_item WHERE item_id = ?");
  }

  void add(Rating r, long writeTimeMicros, int ttlSeconds) {
    if (!alreadyStored(r, db.execute("read rating", db.bind(select, r.catalogItemId(), r.id())).one())) {
      db.execute("write rating",
          db.bindAt(writeTimeMicros, insert, r.catalogItemId(), r.id(), r.rating(), r.creationDate(), ttlSeconds));
    }
  }

  CompletionStage<Void> addAsync(Rating r, long writeTimeMicros, int ttlSeconds) {
    return db.executeAsync("read rating", db.bind(select, r.catalogItemId(), r.id()))
        .thenCompose(rs -> {
          if (alreadyStored(r, rs.one())) {
            return CompletableFuture.<Void>completedFuture(null);
          }
          return db.executeAsync("write rating", db.bindAt(writeTimeMicros, insert, r.catalogItemId(), r.id(),
              r.rating(), r.creationDate(), ttlSeconds)).thenApply(done -> null);
        });
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
    return summaryOf(db.execute("read rating summary", db.bind(summary, itemId)).one());
  }

  CompletableFuture<RatingSummary> summaryAsync(UUID itemId) {
    return db.executeAsync("read rating summary", db.bind(summary, itemId)).thenApply(rs -> summaryOf(rs.one()));
  }

  private static RatingSummary summaryOf(Row row) {
    if (row == null) {
      return RatingSummary.NONE;
    }
    long votes = row.getLong("votes");
    // avg over no rows is 0 (or null on some versions); either way no votes means the NONE summary.
    return votes == 0 ? RatingSummary.NONE : new RatingSummary(row.getDouble("average"), votes);
  }

  void delete(UUID itemId, UUID ratingId, long writeTimeMicros) {
    db.execute("delete rating", db.bindAt(writeTimeMicros, delete, itemId, ratingId));
  }

  CompletionStage<Void> deleteAsync(UUID itemId, UUID ratingId, long writeTimeMicros) {
    return db.executeAsync("delete rating", db.bindAt(writeTimeMicros, delete, itemId, ratingId))
        .thenApply(rs -> null);
  }

  List<BatchableStatement<?>> deleteAllStatements(UUID itemId) {
    return List.of(db.bind(deletePartition, itemId));
  }
}
