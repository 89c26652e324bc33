package dev.citadel.catalog.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import dev.citadel.catalog.domain.CatalogItem;
import dev.citadel.catalog.domain.Rating;
import dev.citadel.catalog.domain.RatingSummary;
import dev.citadel.catalog.event.EventCodec;
import dev.citadel.catalog.event.ItemDeleted;
import dev.citadel.catalog.event.RatingAdded;
import dev.citadel.catalog.event.RatingDeleted;
import dev.citadel.catalog.schema.MigrationReport;
import dev.citadel.catalog.schema.Migrations;
import dev.citadel.catalog.schema.SchemaMigrator;
import dev.citadel.catalog.store.CatalogStore;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The rating summary row ({@code rating_summary_by_item}) against real Cassandra: what the processor's apply
 * writes, under replays, duplicates from two data centres, deletes and expiring votes, and V3's backfill of votes
 * stored before the table existed. Assertions read the row itself, not only {@code ratingSummary}, so a fallback to
 * the aggregate cannot hide a wrong row.
 */
class RatingSummaryIT {

  static final String KEYSPACE = "core_it_summary";
  static CqlSession dc1Session;
  static CqlSession dc2Session;
  static CatalogStore dc1;
  static CatalogStore dc2;
  final EventCodec codec = new EventCodec();

  @BeforeAll
  static void migrate() {
    dc1Session = CassandraFixture.adminSession(CassandraFixture.dc1(), KEYSPACE);
    dc2Session = CassandraFixture.adminSession(CassandraFixture.dc2(), KEYSPACE);
    CassandraFixture.migrate(dc1Session, KEYSPACE);
    dc1 = new CatalogStore(dc1Session, KEYSPACE, CassandraFixture.TIMEOUT);
    dc2 = new CatalogStore(dc2Session, KEYSPACE, CassandraFixture.TIMEOUT);
  }

  @AfterAll
  static void close() {
    for (CqlSession s : new CqlSession[] {dc1Session, dc2Session}) {
      if (s != null) {
        s.close();
      }
    }
  }

  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MILLIS);
  }

  /** votes and total of the row, or null when there is no row. */
  private static long[] summaryRow(CqlSession session, String keyspace, UUID itemId) {
    Row row = session.execute(SimpleStatement.newInstance("SELECT votes, total FROM " + keyspace
        + ".rating_summary_by_item WHERE item_id = ?", itemId).setConsistencyLevel(ConsistencyLevel.LOCAL_QUORUM))
        .one();
    return row == null ? null : new long[] {row.getLong("votes"), row.getLong("total")};
  }

  private static long[] summaryRow(UUID itemId) {
    return summaryRow(dc1Session, KEYSPACE, itemId);
  }

  private void deliver(CatalogStore store, Object event) {
    store.apply(codec.decode(codec.encode((dev.citadel.catalog.event.CatalogEvent) event)));
  }

  @Test
  void anItemWithoutVotesHasNoRowAndReadsAsNone() {
    UUID itemId = UUID.randomUUID();
    assertThat(summaryRow(itemId)).isNull();
    assertThat(dc1.ratingSummary(itemId)).isEqualTo(RatingSummary.NONE);
  }

  @Test
  void theSameRatingAppliedAgainAndAgainBothWaysIsCountedOnce() {
    UUID itemId = UUID.randomUUID();
    RatingAdded first = new RatingAdded(new Rating(UUID.randomUUID(), itemId, 4, now()), System.currentTimeMillis(),
        0);
    RatingAdded second = new RatingAdded(new Rating(UUID.randomUUID(), itemId, 1, now()), System.currentTimeMillis(),
        0);
    deliver(dc1, first);
    deliver(dc1, second);
    deliver(dc1, first);
    dc1.applyAsync(codec.decode(codec.encode(first))).toCompletableFuture().join();
    // The same event redelivered later with another accept time (a keyed retry accepted by a second stamp).
    deliver(dc1, new RatingAdded(first.rating(), first.acceptedAt() + 5_000, 0));

    assertThat(summaryRow(itemId)).containsExactly(2, 5);
    assertThat(dc1.ratingSummary(itemId)).isEqualTo(new RatingSummary(2.5, 2));
  }

  @Test
  void twoDataCentresApplyingTheSameRatingsAtOnceCountEachOnce() {
    UUID itemId = UUID.randomUUID();
    List<RatingAdded> events = List.of(
        new RatingAdded(new Rating(UUID.randomUUID(), itemId, 5, now()), System.currentTimeMillis(), 0),
        new RatingAdded(new Rating(UUID.randomUUID(), itemId, 3, now()), System.currentTimeMillis(), 0),
        new RatingAdded(new Rating(UUID.randomUUID(), itemId, 1, now()), System.currentTimeMillis(), 0));
    CompletableFuture<?> viaDc1 = CompletableFuture.runAsync(() -> events.forEach(e -> deliver(dc1, e)));
    CompletableFuture<?> viaDc2 = CompletableFuture.runAsync(() -> events.forEach(e -> deliver(dc2, e)));
    CompletableFuture.allOf(viaDc1, viaDc2).join();

    // Both replayed once more, as a redelivery after a rebalance would: the last recomputation sees all three.
    deliver(dc2, events.get(2));
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
        assertThat(summaryRow(itemId)).containsExactly(3, 9));
    assertThat(dc2.ratingSummary(itemId)).isEqualTo(new RatingSummary(3.0, 3));
  }

  @Test
  void aDeleteUpdatesTheSummaryAndADeleteOfTheLastVoteRemovesTheRow() {
    UUID itemId = UUID.randomUUID();
    long t = System.currentTimeMillis();
    RatingAdded five = new RatingAdded(new Rating(UUID.randomUUID(), itemId, 5, now()), t, 0);
    RatingAdded two = new RatingAdded(new Rating(UUID.randomUUID(), itemId, 2, now()), t, 0);
    deliver(dc1, five);
    deliver(dc1, two);
    assertThat(summaryRow(itemId)).containsExactly(2, 7);

    RatingDeleted deleteFive = new RatingDeleted(itemId, five.rating().id(), t + 10, 0);
    deliver(dc1, deleteFive);
    deliver(dc1, five); // the add replayed after its delete stays deleted
    deliver(dc1, deleteFive);
    assertThat(summaryRow(itemId)).containsExactly(1, 2);
    assertThat(dc1.ratingSummary(itemId)).isEqualTo(new RatingSummary(2.0, 1));

    dc1.deleteRating(itemId, two.rating().id(), t + 20);
    assertThat(summaryRow(itemId)).isNull();
    assertThat(dc1.ratingSummary(itemId)).isEqualTo(RatingSummary.NONE);
  }

  @Test
  void anItemDeleteRemovesItsSummaryAndALateVoteReplayDoesNotBringItBack() {
    CatalogItem item = new CatalogItem(UUID.randomUUID(), "Summarised " + UUID.randomUUID(), "d", null,
        new BigDecimal("1.00"), now(), null);
    dc1.upsertItem(item);
    long t = System.currentTimeMillis();
    RatingAdded vote = new RatingAdded(new Rating(UUID.randomUUID(), item.id(), 4, now()), t, 0);
    deliver(dc1, vote);
    assertThat(dc1.findItemWithRating(item.id())).hasValueSatisfying(found ->
        assertThat(found.rating()).isEqualTo(new RatingSummary(4.0, 1)));

    dc1.applyAsync(new ItemDeleted(item.id(), t + 10, 0)).toCompletableFuture().join();
    deliver(dc1, vote);
    assertThat(summaryRow(item.id())).isNull();
    assertThat(dc1.ratingSummary(item.id())).isEqualTo(RatingSummary.NONE);
  }

  @Test
  void aSummaryLeftWrongIsRepairedByTheNextChangeOrReplayOfTheItem() {
    UUID itemId = UUID.randomUUID();
    RatingAdded vote = new RatingAdded(new Rating(UUID.randomUUID(), itemId, 3, now()), System.currentTimeMillis(),
        0);
    deliver(dc1, vote);
    // A recomputation that lost a race (or a processor of the previous release) left a wrong row behind.
    dc1Session.execute(SimpleStatement.newInstance("UPDATE " + KEYSPACE + ".rating_summary_by_item SET votes = 7, "
        + "total = 30 WHERE item_id = ?", itemId).setConsistencyLevel(ConsistencyLevel.LOCAL_QUORUM));
    assertThat(dc1.ratingSummary(itemId).numberOfVotes()).isEqualTo(7);

    deliver(dc1, vote);
    assertThat(summaryRow(itemId)).containsExactly(1, 3);
  }

  @Test
  void expiringVotesLeaveTheSummaryWhenTheyExpireAndDurableOnesStay() {
    UUID itemId = UUID.randomUUID();
    dc1.addRating(new Rating(UUID.randomUUID(), itemId, 5, now()), System.currentTimeMillis(), 0);
    dc1.addRating(new Rating(UUID.randomUUID(), itemId, 1, now()), System.currentTimeMillis(), 2);
    assertThat(dc1.ratingSummary(itemId)).isEqualTo(new RatingSummary(3.0, 2));

    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
        assertThat(dc1.ratingSummary(itemId)).isEqualTo(new RatingSummary(5.0, 1)));
    // The next change of the item writes a row without the expired vote and without a TTL.
    dc1.addRating(new Rating(UUID.randomUUID(), itemId, 3, now()), System.currentTimeMillis(), 0);
    assertThat(summaryRow(itemId)).containsExactly(2, 8);
  }

  @Test
  void v3BackfillsTheSummaryOfVotesStoredBeforeTheTableExisted() {
    String keyspace = "core_it_backfill";
    try (CqlSession admin = CassandraFixture.adminSession(CassandraFixture.dc1(), keyspace)) {
      new SchemaMigrator(admin, keyspace, CassandraFixture.replication(), List.of(Migrations.V1, Migrations.V2),
          CassandraFixture.TIMEOUT).migrate();
      UUID rated = UUID.randomUUID();
      UUID other = UUID.randomUUID();
      for (Object[] vote : new Object[][] {{rated, 5}, {rated, 4}, {rated, 4}, {other, 2}}) {
        admin.execute(SimpleStatement.newInstance("INSERT INTO " + keyspace + ".ratings_by_item (item_id, id, rating, "
            + "created_at) VALUES (?, ?, ?, ?)", vote[0], UUID.randomUUID(), vote[1], now())
            .setConsistencyLevel(ConsistencyLevel.LOCAL_QUORUM));
      }

      MigrationReport report = new SchemaMigrator(admin, keyspace, CassandraFixture.replication(), Migrations.ALL,
          CassandraFixture.TIMEOUT).migrate();

      assertThat(report.applied()).as("V3 and what came after it").first().isEqualTo(3);
      assertThat(summaryRow(admin, keyspace, rated)).containsExactly(3, 13);
      assertThat(summaryRow(admin, keyspace, other)).containsExactly(1, 2);
      CatalogStore store = new CatalogStore(admin, keyspace, CassandraFixture.TIMEOUT);
      assertThat(store.ratingSummary(rated).numberOfVotes()).isEqualTo(3);
      assertThat(store.ratingSummary(UUID.randomUUID())).isEqualTo(RatingSummary.NONE);
    }
  }
}
