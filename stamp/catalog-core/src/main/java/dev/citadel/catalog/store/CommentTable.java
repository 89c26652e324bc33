package dev.citadel.catalog.store;

import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchableStatement;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.ResultSet;
import com.datastax.oss.driver.api.core.cql.Row;
import dev.citadel.catalog.domain.Comment;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
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
    List<Comment> comments = new ArrayList<>(rs.getAvailableWithoutFetching());
    for (int i = rs.getAvailableWithoutFetching(); i > 0; i--) {
      comments.add(map(rs.one()));
    }
    return new Page<>(comments, PageTokens.encode(rs.getExecutionInfo().getSafePagingState()));
  }

  /**
   * Deletes both copies. The newest-first copy is keyed by creation time, so the by-id copy is read first; when it
   * is already gone the by-id tombstone is still written, so that a late replay of the add cannot bring it back.
   */
  void delete(UUID itemId, UUID commentId, long writeTimeMicros) {
    List<BatchableStatement<?>> statements = new ArrayList<>();
    statements.add(db.bind(deleteById, itemId, commentId));
    find(itemId, commentId)
        .ifPresent(c -> statements.add(db.bind(deleteByItem, itemId, c.creationDate(), commentId)));
    db.execute("delete comment", db.loggedBatch(writeTimeMicros, statements));
  }

  /** {@link #delete} without blocking: the by-id read, then the batch. */
  CompletionStage<Void> deleteAsync(UUID itemId, UUID commentId, long writeTimeMicros) {
    return db.executeAsync("read comment", db.bind(select, itemId, commentId))
        .thenCompose(rs -> {
          Row row = rs.one();
          List<BatchableStatement<?>> statements = new ArrayList<>();
          statements.add(db.bind(deleteById, itemId, commentId));
          if (row != null) {
            statements.add(db.bind(deleteByItem, itemId, map(row).creationDate(), commentId));
          }
          return db.executeAsync("delete comment", db.loggedBatch(writeTimeMicros, statements));
        })
        .thenApply(rs -> null);
  }

  List<BatchableStatement<?>> deleteAllStatements(UUID itemId) {
    return List.of(db.bind(deletePartitionByItem, itemId), db.bind(deletePartitionById, itemId));
  }

  private static Comment map(Row row) {
    return new Comment(row.getUuid("id"), row.getUuid("item_id"), row.getString("author_name"),
        row.getString("text"), row.getInstant("created_at"));
  }
}
