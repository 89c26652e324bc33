package dev.citadel.catalog.schema;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * V3's data step: writes {@code rating_summary_by_item} for every item that has votes, computed the way the store
 * computes it (count, sum, the soonest expiry among expiring votes), at the time each recomputation started. It is
 * a snapshot of that logic on purpose: a migration must keep doing what it did when it was released, whatever the
 * store does later. Idempotent: running it again rewrites the same rows; a processor recomputing the same item at
 * the same time also writes the truth, and the later start wins.
 *
 * <p>Cost: one scan of the item ids of {@code ratings_by_item} ({@code SELECT DISTINCT}, paged) and one partition
 * read and one write per rated item, one item at a time; the lock is renewed every 30 s.
 */
final class RatingSummaryBackfill implements Migration.DataStep {

  private static final Logger LOG = LoggerFactory.getLogger(RatingSummaryBackfill.class);
  private static final Duration RENEW_EVERY = Duration.ofSeconds(30);

  @Override
  public void run(CqlSession session, String keyspace, Duration timeout, Runnable renewLock) {
    PreparedStatement votes = session.prepare("SELECT rating, ttl(rating) AS remaining FROM " + keyspace
        + ".ratings_by_item WHERE item_id = ?");
    PreparedStatement totals = session.prepare("UPDATE " + keyspace + ".rating_summary_by_item USING TTL ? "
        + "SET votes = ?, total = ? WHERE item_id = ?");
    PreparedStatement computedAt = session.prepare("UPDATE " + keyspace + ".rating_summary_by_item "
        + "SET computed_at = ? WHERE item_id = ?");
    long renewed = System.nanoTime();
    int items = 0;
    for (Row item : session.execute(session.prepare("SELECT DISTINCT item_id FROM " + keyspace + ".ratings_by_item")
        .bind().setConsistencyLevel(ConsistencyLevel.LOCAL_QUORUM).setTimeout(timeout))) {
      UUID itemId = item.getUuid("item_id");
      long writeTime = nowMicros();
      long count = 0;
      long total = 0;
      int soonestExpiry = 0;
      for (Row vote : session.execute(votes.bind(itemId).setConsistencyLevel(ConsistencyLevel.LOCAL_QUORUM)
          .setTimeout(timeout))) {
        count++;
        total += vote.getInt("rating");
        int remaining = vote.isNull("remaining") ? 0 : vote.getInt("remaining");
        if (remaining > 0 && (soonestExpiry == 0 || remaining < soonestExpiry)) {
          soonestExpiry = remaining;
        }
      }
      if (count > 0) {
        session.execute(BatchStatement.newInstance(DefaultBatchType.UNLOGGED)
            .add(totals.bind(soonestExpiry, count, total, itemId))
            .add(computedAt.bind(Instant.ofEpochMilli(writeTime / 1000), itemId))
            .setConsistencyLevel(ConsistencyLevel.LOCAL_QUORUM)
            .setTimeout(timeout)
            .setIdempotent(true)
            .setQueryTimestamp(writeTime));
        items++;
      }
      if (System.nanoTime() - renewed > RENEW_EVERY.toNanos()) {
        renewLock.run();
        renewed = System.nanoTime();
      }
    }
    LOG.info("rating summaries backfilled for {} items in {}", items, keyspace);
  }

  private static long nowMicros() {
    Instant now = Instant.now();
    return Math.addExact(Math.multiplyExact(now.getEpochSecond(), 1_000_000L), now.getNano() / 1000L);
  }
}
