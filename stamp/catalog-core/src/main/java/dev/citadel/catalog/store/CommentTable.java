package dev.citadel.catalog.store;

import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchableStatement;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.ResultSet;
import com.datastax.oss.driver.api.core.cql.Row;
import dev.citadel.catalog.domain.Comment;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Comments newest first ({@code comments_by_item}, clustered by {@code created_at DESC, id}) and by id
 * ({@code comments_by_id}, keyed {@code ((item_id), id)} so that deleting an item drops both partitions without
 * reading them). Both copies are written in one logged batch at the event's accept time.
 *
 * <p>An add reads the by-id copy first: the same id may arrive twice with two accept times (one client request
 * accepted by two stamps under one {@code Idempotency-Key}), and writing the second would add a second listing row
 * at another {@code created_at}. A stored comment with the same author and text makes the add a no-op; one with
 * other content is a {@link ConflictingWriteException}.
 *
 * <p>That read cannot see an add applied in the other data centre and not yet replicated: when both stamps accept one
 * key before either write reaches the other, both write, and once replicated the by-id copy holds one of them (last
 * write wins) while the listing holds a row at each accept time. Such ids are key-derived (RFC 9562 version 5; an
 * unkeyed comment's id is random, version 4, and never written twice), so for those ids only: the listing shows the
 * row whose {@code created_at} is the by-id copy's and hides the others, and a delete removes every listing row of the
 * id. No cross-DC coordination is needed, so a data centre that is down stops none of this.
 */
final class CommentTable {

  private final StoreSession db;
  private final PreparedStatement insertByItem;
  private final PreparedStatement insertById;
  private final PreparedStatement select;
  private final PreparedStatement list;
  private final PreparedStatement deleteByItem;
  private final PreparedStatement deleteById;
  private final PreparedStatement deletePartitionByItem;
  private final PreparedStatement deletePartitionById;
  private final PreparedStatement listingTimesOfId;

  CommentTable(StoreSession db) {
    this.db = db;
    insertByItem = db.prepare("INSERT INTO {ks}.comments_by_item (item_id, created_at, id, author_name, text) "
        + "VALUES (?, ?, ?, ?, ?) USING TTL ?");
    insertById = db.prepare("INSERT INTO {ks}.comments_by_id (item_id, id, created_at, author_name, text) "
        + "VALUES (?, ?, ?, ?, ?) USING TTL ?");
    select = db.prepare("SELECT item_id, id, created_at, author_name, text FROM {ks}.comments_by_id "
        + "WHERE item_id = ? AND id = ?");
    list = db.prepare("SELECT item_id, id, created_at, author_name, text FROM {ks}.comments_by_item "
        + "WHERE item_id = ?");
    deleteByItem = db.prepare("DELETE FROM {ks}.comments_by_item WHERE item_id = ? AND created_at = ? AND id = ?");
    deleteById = db.prepare("DELETE FROM {ks}.comments_by_id WHERE item_id = ? AND id = ?");
    deletePartitionByItem = db.prepare("DELETE FROM {ks}.comments_by_item WHERE item_id = ?");
    deletePartitionById = db.prepare("DELETE FROM {ks}.comments_by_id WHERE item_id = ?");
    // One partition, filtered on the second clustering column: read only to delete a key-derived id (rare, async).
    listingTimesOfId = db.prepare("SELECT created_at FROM {ks}.comments_by_item WHERE item_id = ? AND id = ? "
        + "ALLOW FILTERING");
  }

  void add(Comment c, long writeTimeMicros, int ttlSeconds) {
    if (!alreadyStored(c, find(c.catalogItemId(), c.id()))) {
      db.execute("write comment", addBatch(c, writeTimeMicros, ttlSeconds));
    }
  }

  CompletionStage<Void> addAsync(Comment c, long writeTimeMicros, int ttlSeconds) {
    return db.executeAsync("read comment", db.bind(select, c.catalogItemId(), c.id()))
        .thenCompose(rs -> {
          Row row = rs.one();
          if (alreadyStored(c, row == null ? Optional.empty() : Optional.of(map(row)))) {
            return CompletableFuture.<Void>completedFuture(null);
          }
          return db.executeAsync("write comment", addBatch(c, writeTimeMicros, ttlSeconds)).thenApply(done -> null);
        });
  }

  /**
   * True when {@code stored} is {@code c} already (its own {@code created_at} kept, so the listing row it has is the
   * only one); false when nothing is stored under the id.
   */
  private static boolean alreadyStored(Comment c, Optional<Comment> stored) {
    if (stored.isEmpty()) {
      return false;
    }
    Comment s = stored.get();
    if (Objects.equals(s.authorName(), c.authorName()) && Objects.equals(s.text(), c.text())) {
      return true;
    }
    throw new ConflictingWriteException("comment", c.catalogItemId(), c.id());
  }

  private BatchStatement addBatch(Comment c, long writeTimeMicros, int ttlSeconds) {
    List<BatchableStatement<?>> statements = List.of(
        db.bind(insertByItem, c.catalogItemId(), c.creationDate(), c.id(), c.authorName(), c.text(), ttlSeconds),
        db.bind(insertById, c.catalogItemId(), c.id(), c.creationDate(), c.authorName(), c.text(), ttlSeconds));
    return db.loggedBatch(writeTimeMicros, statements);
  }

  Optional<Comment> find(UUID itemId, UUID commentId) {
    Row row = db.execute("read comment", db.bind(select, itemId, commentId)).one();
    return row == null ? Optional.empty() : Optional.of(map(row));
  }

  Page<Comment> list(UUID itemId, int limit, String pageToken) {
    BoundStatement statement = db.bind(list, itemId).setPageSize(limit);
    statement = PageTokens.apply(statement, pageToken, db.session());
    ResultSet rs = db.execute("list comments", statement);
    List<Comment> rows = new ArrayList<>(rs.getAvailableWithoutFetching());
    for (int i = rs.getAvailableWithoutFetching(); i > 0; i--) {
      rows.add(map(rs.one()));
    }
    return new Page<>(withoutDuplicates(rows), PageTokens.encode(rs.getExecutionInfo().getSafePagingState()));
  }

  /**
   * The listing rows that are the comment: every unkeyed row, and a keyed row only when the by-id copy names its
   * {@code created_at} (a duplicate from a cross-stamp race, or a row whose comment was deleted, is hidden). The by-id
   * reads of a page run concurrently; a page may therefore hold fewer than {@code limit} comments.
   */
  private List<Comment> withoutDuplicates(List<Comment> rows) {
    Map<UUID, CompletableFuture<AsyncResultSet>> canonical = new HashMap<>();
    for (Comment c : rows) {
      if (isKeyDerived(c.id())) {
        canonical.computeIfAbsent(c.id(),
            id -> db.executeAsync("read comment", db.bind(select, c.catalogItemId(), id)));
      }
    }
    if (canonical.isEmpty()) {
      return rows;
    }
    List<Comment> shown = new ArrayList<>(rows.size());
    for (Comment c : rows) {
      CompletableFuture<AsyncResultSet> byId = canonical.get(c.id());
      if (byId == null) {
        shown.add(c);
        continue;
      }
      Row row = StoreSession.await(byId).one();
      if (row != null && Objects.equals(row.getInstant("created_at"), c.creationDate())) {
        shown.add(c);
      }
    }
    return shown;
  }

  /** A version-5 id is derived from an {@code Idempotency-Key}, the only way one comment id is accepted twice. */
  static boolean isKeyDerived(UUID id) {
    return id.version() == 5;
  }

  /**
   * Deletes both copies. The newest-first copy is keyed by creation time, so the by-id copy is read first; when it
   * is already gone the by-id tombstone is still written, so that a late replay of the add cannot bring it back. A
   * key-derived id may have more than one listing row (see the class comment): every one found is deleted.
   */
  void delete(UUID itemId, UUID commentId, long writeTimeMicros) {
    Set<Instant> createdAt = new HashSet<>();
    find(itemId, commentId).ifPresent(c -> createdAt.add(c.creationDate()));
    if (isKeyDerived(commentId)) {
      ResultSet rows = db.execute("read comment listing rows", db.bind(listingTimesOfId, itemId, commentId));
      try {
        // Iterating fetches the later pages: their failures are the driver's own, so translate them here.
        rows.forEach(row -> createdAt.add(row.getInstant("created_at")));
      } catch (RuntimeException e) {
        throw DriverErrors.translate("read comment listing rows", e);
      }
    }
    db.execute("delete comment", deleteBatch(itemId, commentId, createdAt, writeTimeMicros));
  }

  /** {@link #delete} without blocking: the by-id read (and, for a key-derived id, its listing rows), then the batch. */
  CompletionStage<Void> deleteAsync(UUID itemId, UUID commentId, long writeTimeMicros) {
    CompletableFuture<AsyncResultSet> byId = db.executeAsync("read comment", db.bind(select, itemId, commentId));
    CompletableFuture<Set<Instant>> listed = isKeyDerived(commentId)
        ? db.executeAsync("read comment listing rows", db.bind(listingTimesOfId, itemId, commentId))
            .thenCompose(rs -> collectCreatedAt(rs, new HashSet<>()))
        : CompletableFuture.completedFuture(new HashSet<>());
    return byId.thenCombine(listed, (rs, createdAt) -> {
          Row row = rs.one();
          if (row != null) {
            createdAt.add(row.getInstant("created_at"));
          }
          return createdAt;
        })
        .thenCompose(createdAt -> db.executeAsync("delete comment",
            deleteBatch(itemId, commentId, createdAt, writeTimeMicros)))
        .thenApply(rs -> null);
  }

  /** Every page of a (small) filtered read, without blocking a driver thread. */
  private static CompletionStage<Set<Instant>> collectCreatedAt(AsyncResultSet rs, Set<Instant> into) {
    for (Row row : rs.currentPage()) {
      into.add(row.getInstant("created_at"));
    }
    if (!rs.hasMorePages()) {
      return CompletableFuture.completedFuture(into);
    }
    // The next page's failure comes from the driver untranslated: translate it as executeAsync does.
    return rs.fetchNextPage().handle((next, failure) -> failure == null ? collectCreatedAt(next, into)
            : CompletableFuture.<Set<Instant>>failedFuture(
                DriverErrors.translate("read comment listing rows", StoreSession.unwrap(failure))))
        .thenCompose(stage -> stage);
  }

  private BatchStatement deleteBatch(UUID itemId, UUID commentId, Set<Instant> createdAt, long writeTimeMicros) {
    List<BatchableStatement<?>> statements = new ArrayList<>();
    statements.add(db.bind(deleteById, itemId, commentId));
    createdAt.forEach(t -> statements.add(db.bind(deleteByItem, itemId, t, commentId)));
    return db.loggedBatch(writeTimeMicros, statements);
  }

  List<BatchableStatement<?>> deleteAllStatements(UUID itemId) {
    return List.of(db.bind(deletePartitionByItem, itemId), db.bind(deletePartitionById, itemId));
  }

  private static Comment map(Row row) {
    return new Comment(row.getUuid("id"), row.getUuid("item_id"), row.getString("author_name"),
        row.getString("text"), row.getInstant("created_at"));
  }
}
