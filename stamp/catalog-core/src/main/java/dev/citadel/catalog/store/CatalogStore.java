package dev.citadel.catalog.store;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BatchableStatement;
import dev.citadel.catalog.domain.CatalogItem;
import dev.citadel.catalog.domain.Comment;
import dev.citadel.catalog.domain.Rating;
import dev.citadel.catalog.domain.RatingSummary;
import dev.citadel.catalog.domain.StoredImage;
import dev.citadel.catalog.event.CatalogEvent;
import dev.citadel.catalog.event.CommentAdded;
import dev.citadel.catalog.event.CommentDeleted;
import dev.citadel.catalog.event.HealthProbe;
import dev.citadel.catalog.event.ItemDeleted;
import dev.citadel.catalog.event.RatingAdded;
import dev.citadel.catalog.event.RatingDeleted;
import dev.citadel.catalog.validation.Limits;
import dev.citadel.catalog.validation.Validator;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The catalog's Cassandra store: every read and write of catalog-api and background-processor goes through here.
 *
 * <p>Guarantees: prepared statements only; LOCAL_QUORUM and a statement timeout on every request; every write is
 * idempotent — an upsert or delete by key at an explicit write time (the event's {@code acceptedAt} for async
 * writes), so replaying an event changes nothing and a late duplicate never overwrites a newer write; failures are
 * {@link dev.citadel.catalog.error.RetriableException} or {@link dev.citadel.catalog.error.FatalException}; bad
 * paging tokens and invalid values are {@link dev.citadel.catalog.validation.ValidationException}s.
 *
 * <p>Thread-safe. It does not own the session: close the {@link CqlSession} yourself. Statements are prepared in
 * the constructor, so the schema must exist (run {@code MigrateMain} first).
 */
public final class CatalogStore {

  private final StoreSession db;
  private final Clock clock;
  private final ItemTable items;
  private final CommentTable comments;
  private final RatingTable ratings;
  private final ImageTable images;
  private final ClaimTable claims;

  public CatalogStore(CqlSession session, String keyspace, Duration requestTimeout) {
    this(session, keyspace, requestTimeout, Clock.systemUTC());
  }

  public CatalogStore(CqlSession session, CassandraSettings settings) {
    this(session, settings.keyspace(), settings.requestTimeout());
  }

  CatalogStore(CqlSession session, String keyspace, Duration requestTimeout, Clock clock) {
    if (!CassandraSettings.IDENTIFIER.matcher(keyspace).matches()) {
      throw new IllegalArgumentException("bad keyspace name " + keyspace);
    }
    this.db = new StoreSession(Objects.requireNonNull(session, "session"), keyspace,
        Objects.requireNonNull(requestTimeout, "requestTimeout"));
    this.clock = clock;
    this.items = new ItemTable(db);
    this.comments = new CommentTable(db);
    this.ratings = new RatingTable(db, new RatingSummaryTable(db, this::nowMicros));
    this.images = new ImageTable(db);
    this.claims = new ClaimTable(db);
  }

  // ---- items (synchronous writes from catalog-api) ----

  public Optional<CatalogItem> findItem(UUID id) {
    return items.find(id);
  }

  /**
   * The item with its rating summary attached: two single-partition reads, sent together so the caller waits for
   * one round trip, not two (when the item is missing, the summary's answer is simply dropped).
   */
  public Optional<CatalogItem> findItemWithRating(UUID id) {
    return findItemWithRating(id, ratings.summaryAsync(id));
  }

  /**
   * {@link #findItemWithRating} with a summary the caller already asked for (typically from a cache): one item read
   * here, the summary awaited only when the item exists.
   */
  public Optional<CatalogItem> findItemWithRating(UUID id, CompletableFuture<RatingSummary> summary) {
    return items.find(id).map(item -> item.withRating(StoreSession.await(summary)));
  }

  /**
   * {@link #findItemWithRating} without blocking: both reads are sent at once; the summary's answer (or failure) is
   * dropped when the item is missing.
   */
  public CompletableFuture<Optional<CatalogItem>> findItemWithRatingAsync(UUID id) {
    CompletableFuture<RatingSummary> summary = ratings.summaryAsync(id);
    return items.findAsync(id).toCompletableFuture().thenCompose(item -> item.isEmpty()
        ? CompletableFuture.completedFuture(Optional.<CatalogItem>empty())
        : summary.thenApply(s -> Optional.of(item.get().withRating(s))));
  }

  /** Reads the key column only (no name, description, …). */
  public boolean itemExists(UUID id) {
    return items.exists(id);
  }

  /** Creates or replaces the item (id and lastUpdated set by the caller) and its listing row. */
  public void upsertItem(CatalogItem item) {
    Objects.requireNonNull(item, "item");
    Objects.requireNonNull(item.id(), "item.id");
    Objects.requireNonNull(item.lastUpdated(), "item.lastUpdated");
    Validator.requireValid(Validator.INSTANCE.validate(item));
    items.upsert(item, nowMicros());
  }

  /** Items sorted by name (case-insensitive), without description; {@code limit} 1..1000. */
  public Page<CatalogItem> listItems(int limit, String pageToken) {
    Validator.requireValid(Validator.INSTANCE.validateLimit(limit, Limits.MAX_ITEM_LIMIT));
    return items.list(limit, pageToken);
  }

  /** Deletes the item, its listing row, comments and ratings at {@code acceptedAt}; missing item is a no-op. */
  public void deleteItem(UUID itemId, long acceptedAtMillis) {
    List<BatchableStatement<?>> statements = new ArrayList<>(items.deleteStatements(itemId));
    statements.addAll(comments.deleteAllStatements(itemId));
    statements.addAll(ratings.deleteAllStatements(itemId));
    db.execute("delete item", db.loggedBatch(StoreSession.micros(acceptedAtMillis), statements));
    StoreSession.await(ratings.recomputeSummaryAsync(itemId));
  }

  // ---- comments ----

  public void addComment(Comment comment, long acceptedAtMillis, int ttlSeconds) {
    comments.add(comment, StoreSession.micros(acceptedAtMillis), ttlSeconds);
  }

  public Optional<Comment> findComment(UUID itemId, UUID commentId) {
    return comments.find(itemId, commentId);
  }

  /** Newest first; {@code limit} 1..1000. */
  public Page<Comment> listComments(UUID itemId, int limit, String pageToken) {
    Validator.requireValid(Validator.INSTANCE.validateLimit(limit, Limits.MAX_COMMENT_LIMIT));
    return comments.list(itemId, limit, pageToken);
  }

  public void deleteComment(UUID itemId, UUID commentId, long acceptedAtMillis) {
    comments.delete(itemId, commentId, StoreSession.micros(acceptedAtMillis));
  }

  // ---- ratings ----

  public void addRating(Rating rating, long acceptedAtMillis, int ttlSeconds) {
    ratings.add(rating, StoreSession.micros(acceptedAtMillis), ttlSeconds);
  }

  public Optional<Rating> findRating(UUID itemId, UUID ratingId) {
    return ratings.find(itemId, ratingId);
  }

  /**
   * Average and count: the item's summary row (one point read), maintained by every rating add and delete and item
   * delete that goes through this store.
   */
  public RatingSummary ratingSummary(UUID itemId) {
    return ratings.summary(itemId);
  }

  /** Waits for a future this store handed out and rethrows its typed failure (RetriableException, …) as is. */
  public static <T> T await(CompletableFuture<T> pending) {
    return StoreSession.await(pending);
  }

  /** {@link #ratingSummary} without waiting: failures complete the future with the same typed exceptions. */
  public CompletableFuture<RatingSummary> ratingSummaryAsync(UUID itemId) {
    return ratings.summaryAsync(itemId);
  }

  public void deleteRating(UUID itemId, UUID ratingId, long acceptedAtMillis) {
    ratings.delete(itemId, ratingId, StoreSession.micros(acceptedAtMillis));
  }

  /**
   * Runs {@code work} (calls of this store on this thread) so that every statement it sends is bounded by
   * {@code deadlineNanos} ({@link System#nanoTime()}) as well as by the configured timeout: a request with a deadline
   * never waits on Cassandra past it, and no statement is sent once it has passed ({@code RetriableException}).
   * Statements bound on other threads (continuations of async reads) keep the configured timeout.
   */
  public static <T> T withinDeadline(long deadlineNanos, java.util.function.Supplier<T> work) {
    return StoreSession.withinDeadline(deadlineNanos, work);
  }

  // ---- idempotency claims ----

  /**
   * Claims key-derived {@code id} for the request whose content hashes to {@code fingerprint}: a lightweight
   * transaction at {@code SERIAL} (Paxos over the replicas of every data centre), so of two different requests racing
   * for one id on two stamps exactly one owns it. A claim expires after a day (the table's TTL). When too few replicas
   * are alive for that quorum and {@code localWhenPeerDown}, the claim is made at {@code LOCAL_SERIAL} instead and
   * says so in its {@link IdempotencyClaim#scope()}; otherwise that failure is a {@code RetriableException}.
   */
  public IdempotencyClaim claim(UUID id, byte[] fingerprint, boolean localWhenPeerDown) {
    return claims.claim(id, fingerprint, localWhenPeerDown);
  }

  // ---- images ----

  public void putImage(StoredImage image) {
    images.put(image);
  }

  public Optional<StoredImage> findImage(UUID id) {
    return images.find(id);
  }

  // ---- events (background-processor) ----

  /**
   * Applies one decoded event idempotently. Returns {@code false} for events that are not stored
   * ({@link HealthProbe}), {@code true} otherwise.
   */
  public boolean apply(CatalogEvent event) {
    if (event instanceof CommentAdded e) {
      addComment(e.comment(), e.acceptedAt(), e.ttlSeconds());
    } else if (event instanceof RatingAdded e) {
      addRating(e.rating(), e.acceptedAt(), e.ttlSeconds());
    } else if (event instanceof CommentDeleted e) {
      deleteComment(e.catalogItemId(), e.commentId(), e.acceptedAt());
    } else if (event instanceof RatingDeleted e) {
      deleteRating(e.catalogItemId(), e.ratingId(), e.acceptedAt());
    } else if (event instanceof ItemDeleted e) {
      deleteItem(e.catalogItemId(), e.acceptedAt());
    } else if (event instanceof HealthProbe) {
      return false;
    } else {
      throw new IllegalStateException("unhandled event type " + event.eventType());
    }
    return true;
  }

  /**
   * {@link #apply} without blocking the caller, for a processor that keeps many events in flight. Same statements,
   * same write times, so it is exactly as idempotent. The stage completes with {@code false} for events that are
   * not stored; it fails with a {@link dev.citadel.catalog.error.CitadelException} (possibly wrapped in a
   * {@link java.util.concurrent.CompletionException}). Ordering between events is the caller's business: two
   * events of one item must not be in flight at the same time (a comment delete reads the row its add wrote).
   */
  public CompletionStage<Boolean> applyAsync(CatalogEvent event) {
    CompletionStage<Void> write;
    if (event instanceof CommentAdded e) {
      write = comments.addAsync(e.comment(), StoreSession.micros(e.acceptedAt()), e.ttlSeconds());
    } else if (event instanceof RatingAdded e) {
      write = ratings.addAsync(e.rating(), StoreSession.micros(e.acceptedAt()), e.ttlSeconds());
    } else if (event instanceof CommentDeleted e) {
      write = comments.deleteAsync(e.catalogItemId(), e.commentId(), StoreSession.micros(e.acceptedAt()));
    } else if (event instanceof RatingDeleted e) {
      write = ratings.deleteAsync(e.catalogItemId(), e.ratingId(), StoreSession.micros(e.acceptedAt()));
    } else if (event instanceof ItemDeleted e) {
      write = deleteItemAsync(e.catalogItemId(), e.acceptedAt());
    } else if (event instanceof HealthProbe) {
      return CompletableFuture.completedFuture(false);
    } else {
      return CompletableFuture.failedFuture(new IllegalStateException("unhandled event type " + event.eventType()));
    }
    return write.thenApply(done -> true);
  }

  private CompletionStage<Void> deleteItemAsync(UUID itemId, long acceptedAtMillis) {
    return items.deleteStatementsAsync(itemId).thenCompose(itemStatements -> {
      List<BatchableStatement<?>> statements = new ArrayList<>(itemStatements);
      statements.addAll(comments.deleteAllStatements(itemId));
      statements.addAll(ratings.deleteAllStatements(itemId));
      return db.executeAsync("delete item", db.loggedBatch(StoreSession.micros(acceptedAtMillis), statements));
    }).thenCompose(rs -> ratings.recomputeSummaryAsync(itemId));
  }

  /** Microsecond write time: two updates of one item within a millisecond still order correctly. */
  private long nowMicros() {
    java.time.Instant now = clock.instant();
    return Math.addExact(Math.multiplyExact(now.getEpochSecond(), 1_000_000L), now.getNano() / 1000L);
  }
}
