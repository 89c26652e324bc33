package dev.citadel.catalog.store;

import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import dev.citadel.catalog.domain.RatingSummary;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;

/**
 * One summary row per item ({@code rating_summary_by_item}: {@code votes}, {@code total}, {@code computed_at}), so
 * a read of an item's average and count is a point read instead of an aggregate over its whole ratings partition.
 *
 * <p>Written by whoever changes {@code ratings_by_item} (a rating added or deleted, an item deleted): after its own
 * write it <em>recomputes</em> the summary from the partition and writes the result at the time the recomputation
 * started. A counter would count a replayed event twice; a recomputation is a function of the partition only, so a
 * replay, a duplicate applied by another stamp's processor, or a late delete all end in the same row. The newest
 * recomputation wins (last write wins on its start time), and the partition is read after the caller's own write,
 * so the winner has seen every write that finished before it started in this data centre.
 *
 * <p>Expiring votes ({@code X-TEST-DATA}, 30 s): {@code votes} and {@code total} are written with the smallest
 * remaining TTL among the votes they count, {@code computed_at} without one. When they have expired the row is
 * still there with {@code votes = null}, and the read falls back to the aggregate over the partition (which no
 * longer sees the expired votes) until the next change of the item writes a fresh summary. No votes at all: the
 * row is deleted, and a missing row reads as {@link RatingSummary#NONE} — schema V3 backfilled a row for every item
 * that had votes before this table existed.
 */
final class RatingSummaryTable {

  private static final int PAGE_SIZE = 5000;

  private final StoreSession db;
  private final LongSupplier nowMicros;
  private final PreparedStatement votes;
  private final PreparedStatement aggregate;
  private final PreparedStatement select;
  private final PreparedStatement writeTotals;
  private final PreparedStatement writeComputedAt;
  private final PreparedStatement delete;

  RatingSummaryTable(StoreSession db, LongSupplier nowMicros) {
    this.db = db;
    this.nowMicros = nowMicros;
    votes = db.prepare("SELECT rating, ttl(rating) AS remaining FROM {ks}.ratings_by_item WHERE item_id = ?");
    aggregate = db.prepare("SELECT avg(cast(rating AS double)) AS average, count(*) AS votes "
        + "FROM {ks}.ratings_by_item WHERE item_id = ?");
    select = db.prepare("SELECT votes, total FROM {ks}.rating_summary_by_item WHERE item_id = ?");
    writeTotals = db.prepare("UPDATE {ks}.rating_summary_by_item USING TTL ? SET votes = ?, total = ? "
        + "WHERE item_id = ?");
    writeComputedAt = db.prepare("UPDATE {ks}.rating_summary_by_item SET computed_at = ? WHERE item_id = ?");
    delete = db.prepare("DELETE FROM {ks}.rating_summary_by_item WHERE item_id = ?");
  }

  /** The summary row (one point read); the aggregate only when its expiring votes have expired. */
  CompletableFuture<RatingSummary> readAsync(UUID itemId) {
    return db.executeAsync("read rating summary", db.bind(select, itemId)).thenCompose(rs -> {
      Row row = rs.one();
      if (row == null) {
        return CompletableFuture.completedFuture(RatingSummary.NONE);
      }
      if (row.isNull("votes")) {
        return aggregateAsync(itemId);
      }
      return CompletableFuture.completedFuture(of(row.getLong("votes"), row.getLong("total")));
    });
  }

  /** The aggregate over the partition, computed by the replicas: the summary's definition, and its fallback. */
  CompletableFuture<RatingSummary> aggregateAsync(UUID itemId) {
    return db.executeAsync("read rating aggregate", db.bind(aggregate, itemId)).thenApply(rs -> {
      Row row = rs.one();
      // avg over no rows is 0 (or null on some versions); either way no votes means the NONE summary.
      return row == null || row.getLong("votes") == 0 ? RatingSummary.NONE
          : new RatingSummary(row.getDouble("average"), row.getLong("votes"));
    });
  }

  /** Recomputes the item's summary from its ratings partition and writes it (or deletes it: no votes). */
  CompletableFuture<Void> recomputeAsync(UUID itemId) {
    long writeTime = nowMicros.getAsLong();
    return db.executeAsync("read ratings for the summary", db.bind(votes, itemId).setPageSize(PAGE_SIZE))
        .thenCompose(rs -> tally(rs, new Tally()))
        .thenCompose(tally -> db.executeAsync("write rating summary", tally.votes == 0
            ? db.bindAt(writeTime, delete, itemId)
            : db.partitionBatch(writeTime, List.of(
                db.bind(writeTotals, tally.ttlSeconds(), tally.votes, tally.total, itemId),
                db.bind(writeComputedAt, Instant.ofEpochMilli(writeTime / 1000), itemId)))))
        .thenApply(rs -> null);
  }

  private CompletableFuture<Tally> tally(AsyncResultSet rs, Tally tally) {
    for (Row row : rs.currentPage()) {
      tally.add(row.getInt("rating"), row.isNull("remaining") ? 0 : row.getInt("remaining"));
    }
    if (!rs.hasMorePages()) {
      return CompletableFuture.completedFuture(tally);
    }
    return db.translated("read ratings for the summary", rs.fetchNextPage()).thenCompose(next -> tally(next, tally));
  }

  static RatingSummary of(long votes, long total) {
    return votes <= 0 ? RatingSummary.NONE : new RatingSummary((double) total / votes, votes);
  }

  /** Count, sum and the soonest expiry of the votes seen. */
  static final class Tally {
    long votes;
    long total;
    /** Smallest remaining TTL (s) of an expiring vote, 0 while none was seen. */
    int soonestExpiry;

    void add(int rating, int remainingSeconds) {
      votes++;
      total += rating;
      if (remainingSeconds > 0 && (soonestExpiry == 0 || remainingSeconds < soonestExpiry)) {
        soonestExpiry = remainingSeconds;
      }
    }

    /** The TTL of the totals: 0 (none) unless an expiring vote is counted. */
    int ttlSeconds() {
      return soonestExpiry;
    }
  }
}
