package dev.citadel.catalog.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.citadel.catalog.domain.CatalogItem;
import dev.citadel.catalog.domain.Comment;
import dev.citadel.catalog.domain.Rating;
import dev.citadel.catalog.event.CatalogEvent;
import dev.citadel.catalog.event.CommentAdded;
import dev.citadel.catalog.event.CommentDeleted;
import dev.citadel.catalog.event.EventCodec;
import dev.citadel.catalog.event.HealthProbe;
import dev.citadel.catalog.event.ItemDeleted;
import dev.citadel.catalog.event.RatingAdded;
import dev.citadel.catalog.event.RatingDeleted;
import dev.citadel.catalog.store.CatalogStore;
import dev.citadel.catalog.store.ConflictingWriteException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Events applied through {@link CatalogStore#apply} as the processor does: replays and duplicates change nothing. */
class EventReplayIT {

  static final String KEYSPACE = "core_it_events";
  static CqlSession session;
  static CatalogStore store;
  final EventCodec codec = new EventCodec();

  @BeforeAll
  static void migrate() {
    session = CassandraFixture.adminSession(CassandraFixture.dc1(), KEYSPACE);
    CassandraFixture.migrate(session, KEYSPACE);
    store = new CatalogStore(session, KEYSPACE, CassandraFixture.TIMEOUT);
  }

  @AfterAll
  static void close() {
    if (session != null) {
      session.close();
    }
  }

  /** Decode(encode(e)) then apply, like the processor. */
  boolean deliver(CatalogEvent event) {
    return store.apply(codec.decode(codec.encode(event)));
  }

  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MILLIS);
  }

  @Test
  void replayingACommentAddedStoresOneComment() {
    UUID itemId = UUID.randomUUID();
    CommentAdded event = new CommentAdded(new Comment(UUID.randomUUID(), itemId, "Ann", "Hi", now()),
        System.currentTimeMillis(), 0);
    assertThat(deliver(event)).isTrue();
    assertThat(deliver(event)).isTrue();
    assertThat(deliver(event)).isTrue();
    assertThat(store.listComments(itemId, 100, null).items()).containsExactly(event.comment());
  }

  @Test
  void replayingARatingAddedCountsOneVote() {
    UUID itemId = UUID.randomUUID();
    RatingAdded event = new RatingAdded(new Rating(UUID.randomUUID(), itemId, 2, now()), System.currentTimeMillis(), 0);
    deliver(event);
    deliver(event);
    assertThat(store.ratingSummary(itemId).numberOfVotes()).isEqualTo(1);
  }

  @Test
  void theSameIdAcceptedAgainLaterKeepsItsFirstListingRowAndAnotherContentIsAConflict() {
    UUID itemId = UUID.randomUUID();
    Instant first = now();
    Comment comment = new Comment(UUID.randomUUID(), itemId, "Ann", "keyed", first);
    Instant later = first.plusSeconds(2);
    deliver(new CommentAdded(comment, first.toEpochMilli(), 0));
    // The same request accepted by another stamp: same id (derived from its key), a later accept time.
    deliver(new CommentAdded(new Comment(comment.id(), itemId, "Ann", "keyed", later), later.toEpochMilli(), 0));

    assertThat(store.listComments(itemId, 100, null).items()).containsExactly(comment);
    assertThat(conflict(() -> deliver(new CommentAdded(new Comment(comment.id(), itemId, "Ann", "other", later),
        later.toEpochMilli(), 0)))).isTrue();
    assertThat(store.findComment(itemId, comment.id())).contains(comment);

    Rating vote = new Rating(UUID.randomUUID(), itemId, 4, first);
    deliver(new RatingAdded(vote, first.toEpochMilli(), 0));
    deliver(new RatingAdded(new Rating(vote.id(), itemId, 4, later), later.toEpochMilli(), 0));
    assertThat(store.findRating(itemId, vote.id())).contains(vote);
    assertThat(conflict(() -> deliver(new RatingAdded(new Rating(vote.id(), itemId, 1, later),
        later.toEpochMilli(), 0)))).isTrue();
    assertThat(store.ratingSummary(itemId).numberOfVotes()).isEqualTo(1);
    assertThat(store.ratingSummary(itemId).averageRating()).isEqualTo(4.0);
  }

  @Test
  void aKeyedCommentAppliedInBothDataCentresBeforeReplicationIsListedOnceAndItsDeleteRemovesEveryRow() {
    UUID itemId = UUID.randomUUID();
    Instant first = now();
    Instant later = first.plusSeconds(3);
    Comment here = new Comment(keyDerivedId(), itemId, "Ann", "raced", first);
    Comment unkeyed = new Comment(UUID.randomUUID(), itemId, "Bob", "plain", first.plusSeconds(1));
    deliver(new CommentAdded(here, first.toEpochMilli(), 0));
    deliver(new CommentAdded(unkeyed, unkeyed.creationDate().toEpochMilli(), 0));
    // What the other data centre's processor wrote for the same key at its own accept time, found nothing here to
    // read, and replicated afterwards: both copies at the later write time, as its batch would.
    Comment there = new Comment(here.id(), itemId, "Ann", "raced", later);
    writeBothCopiesAsTheOtherDataCentreDid(there);
    assertThat(rowsInListing(itemId)).as("the race left two listing rows for one id").isEqualTo(3);

    assertThat(store.findComment(itemId, here.id())).as("last write wins on the by-id copy").contains(there);
    assertThat(store.listComments(itemId, 100, null).items()).containsExactly(there, unkeyed);
    assertThat(store.listComments(itemId, 1, null).items()).as("a page holds no hidden row")
        .allSatisfy(c -> assertThat(c).isIn(there, unkeyed));

    Instant deleted = later.plusSeconds(1);
    deliver(new CommentDeleted(itemId, here.id(), deleted.toEpochMilli(), 0));
    assertThat(store.findComment(itemId, here.id())).isEmpty();
    assertThat(store.listComments(itemId, 100, null).items()).containsExactly(unkeyed);
    assertThat(rowsInListing(itemId)).as("both listing rows of the keyed id are gone").isEqualTo(1);
  }

  @Test
  void aListingRowOfAKeyedCommentThatArrivesAfterItsDeleteStaysHidden() {
    UUID itemId = UUID.randomUUID();
    Instant first = now();
    Comment here = new Comment(keyDerivedId(), itemId, "Ann", "late copy", first);
    deliver(new CommentAdded(here, first.toEpochMilli(), 0));
    deliver(new CommentDeleted(itemId, here.id(), first.plusSeconds(5).toEpochMilli(), 0));
    // The other data centre's add replicates only now: its by-id copy is older than the delete, its listing row
    // (at another created_at) was never seen by the delete.
    writeBothCopiesAsTheOtherDataCentreDid(new Comment(here.id(), itemId, "Ann", "late copy", first.plusSeconds(2)));

    assertThat(rowsInListing(itemId)).isEqualTo(1);
    assertThat(store.findComment(itemId, here.id())).isEmpty();
    assertThat(store.listComments(itemId, 100, null).items()).isEmpty();
  }

  /** An id as catalog-api derives it from an Idempotency-Key: RFC 9562 version 5. */
  private static UUID keyDerivedId() {
    UUID random = UUID.randomUUID();
    return new UUID((random.getMostSignificantBits() & ~0xF000L) | 0x5000L, random.getLeastSignificantBits());
  }

  private static void writeBothCopiesAsTheOtherDataCentreDid(Comment c) {
    long writeTime = c.creationDate().toEpochMilli() * 1000L;
    session.execute(com.datastax.oss.driver.api.core.cql.SimpleStatement.newInstance(
        "BEGIN BATCH USING TIMESTAMP " + writeTime
            + " INSERT INTO " + KEYSPACE + ".comments_by_item (item_id, created_at, id, author_name, text)"
            + " VALUES (?, ?, ?, ?, ?);"
            + " INSERT INTO " + KEYSPACE + ".comments_by_id (item_id, id, created_at, author_name, text)"
            + " VALUES (?, ?, ?, ?, ?); APPLY BATCH",
        c.catalogItemId(), c.creationDate(), c.id(), c.authorName(), c.text(),
        c.catalogItemId(), c.id(), c.creationDate(), c.authorName(), c.text()));
  }

  private static long rowsInListing(UUID itemId) {
    return session.execute(com.datastax.oss.driver.api.core.cql.SimpleStatement.newInstance(
        "SELECT count(*) FROM " + KEYSPACE + ".comments_by_item WHERE item_id = ?", itemId)).one().getLong(0);
  }

  /** True when {@code apply} failed with a {@link ConflictingWriteException}, however the async path wrapped it. */
  private static boolean conflict(Runnable apply) {
    try {
      apply.run();
      return false;
    } catch (RuntimeException e) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof ConflictingWriteException) {
          return true;
        }
      }
      throw e;
    }
  }

  @Test
  void anAddReplayedAfterItsDeleteStaysDeleted() {
    UUID itemId = UUID.randomUUID();
    long t = System.currentTimeMillis();
    Comment comment = new Comment(UUID.randomUUID(), itemId, "Bob", "soon gone", now());
    CommentAdded added = new CommentAdded(comment, t, 0);
    RatingAdded rated = new RatingAdded(new Rating(UUID.randomUUID(), itemId, 5, now()), t, 0);
    deliver(added);
    deliver(rated);
    deliver(new CommentDeleted(itemId, comment.id(), t + 5, 0));
    deliver(new RatingDeleted(itemId, rated.rating().id(), t + 5, 0));

    deliver(added);
    deliver(rated);
    assertThat(store.findComment(itemId, comment.id())).isEmpty();
    assertThat(store.listComments(itemId, 100, null).items()).isEmpty();
    assertThat(store.findRating(itemId, rated.rating().id())).isEmpty();
    assertThat(store.ratingSummary(itemId).numberOfVotes()).isZero();
  }

  @Test
  void itemDeletedRemovesTheItemItsListingRowCommentsAndRatingsAndReplaysAreHarmless() {
    CatalogItem item = new CatalogItem(UUID.randomUUID(), "Doomed " + UUID.randomUUID(), "d", null,
        new BigDecimal("1.00"), now(), null);
    store.upsertItem(item);
    long t = System.currentTimeMillis();
    Comment comment = new Comment(UUID.randomUUID(), item.id(), "C", "c", now());
    deliver(new CommentAdded(comment, t, 0));
    deliver(new RatingAdded(new Rating(UUID.randomUUID(), item.id(), 4, now()), t, 0));

    ItemDeleted deleted = new ItemDeleted(item.id(), System.currentTimeMillis() + 1, 0);
    deliver(deleted);
    deliver(deleted);
    deliver(new CommentAdded(comment, t, 0));

    assertThat(store.findItem(item.id())).isEmpty();
    assertThat(store.listItems(1000, null).items()).extracting(CatalogItem::id).doesNotContain(item.id());
    assertThat(store.findComment(item.id(), comment.id())).isEmpty();
    assertThat(store.listComments(item.id(), 100, null).items()).isEmpty();
    assertThat(store.ratingSummary(item.id()).numberOfVotes()).isZero();
  }

  @Test
  void healthProbesAreNotStored() {
    assertThat(deliver(new HealthProbe(UUID.randomUUID(), "health-service@it", System.currentTimeMillis(), 30)))
        .isFalse();
  }
}
