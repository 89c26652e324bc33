package dev.citadel.catalog.store;

import com.datastax.oss.driver.api.core.cql.BatchableStatement;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.ResultSet;
import com.datastax.oss.driver.api.core.cql.Row;
import dev.citadel.catalog.domain.CatalogItem;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionStage;

/**
 * Items by id ({@code items}) and the name-sorted listing ({@code items_by_name}). The listing lives in one
 * partition ({@code bucket = 0}): a catalog of thousands of items fits easily, and one partition is what makes a
 * globally sorted, pageable list possible without a scatter-gather.
 */
final class ItemTable {

  private final StoreSession db;
  private final PreparedStatement insert;
  private final PreparedStatement insertByName;
  private final PreparedStatement deleteByName;
  private final PreparedStatement select;
  private final PreparedStatement selectKey;
  private final PreparedStatement list;
  private final PreparedStatement delete;

  ItemTable(StoreSession db) {
    this.db = db;
    insert = db.prepare("INSERT INTO {ks}.items (id, name, description, image_url, price, last_updated) "
        + "VALUES (?, ?, ?, ?, ?, ?)");
    insertByName = db.prepare("INSERT INTO {ks}.items_by_name (bucket, sort_name, id, name, image_url, price, "
        + "last_updated) VALUES (0, ?, ?, ?, ?, ?, ?)");
    deleteByName = db.prepare("DELETE FROM {ks}.items_by_name WHERE bucket = 0 AND sort_name = ? AND id = ?");
    select = db.prepare("SELECT id, name, description, image_url, price, last_updated FROM {ks}.items WHERE id = ?");
    selectKey = db.prepare("SELECT id FROM {ks}.items WHERE id = ?");
    list = db.prepare("SELECT id, name, image_url, price, last_updated FROM {ks}.items_by_name WHERE bucket = 0");
    delete = db.prepare("DELETE FROM {ks}.items WHERE id = ?");
  }

  Optional<CatalogItem> find(UUID id) {
    Row row = db.execute("read item", db.bind(select, id)).one();
    return row == null ? Optional.empty() : Optional.of(map(row, true));
  }

  boolean exists(UUID id) {
    return db.execute("read item key", db.bind(selectKey, id)).one() != null;
  }

  /**
   * Writes the item and its listing row in one logged batch. When the name changed, the old listing row is
   * removed in the same batch (read-before-write; see README "Failure modes" for the concurrent-rename caveat).
   */
  void upsert(CatalogItem item, long writeTimeMicros) {
    BigDecimal price = item.price().setScale(2, RoundingMode.UNNECESSARY);
    String sortName = sortName(item.name());
    List<BatchableStatement<?>> statements = new ArrayList<>();
    statements.add(db.bind(insert, item.id(), item.name(), item.description(), item.imageUrl(), price,
        item.lastUpdated()));
    find(item.id())
        .map(old -> sortName(old.name()))
        .filter(oldSortName -> !oldSortName.equals(sortName))
        .ifPresent(oldSortName -> statements.add(db.bind(deleteByName, oldSortName, item.id())));
    statements.add(db.bind(insertByName, sortName, item.id(), item.name(), item.imageUrl(), price,
        item.lastUpdated()));
    db.execute("write item", db.loggedBatch(writeTimeMicros, statements));
  }

  Page<CatalogItem> list(int limit, String pageToken) {
    BoundStatement statement = db.bind(list).setPageSize(limit);
    statement = PageTokens.apply(statement, pageToken, db.session());
    ResultSet rs = db.execute("list items", statement);
    List<CatalogItem> items = new ArrayList<>(rs.getAvailableWithoutFetching());
    for (int i = rs.getAvailableWithoutFetching(); i > 0; i--) {
      items.add(map(rs.one(), false));
    }
    return new Page<>(items, PageTokens.encode(rs.getExecutionInfo().getSafePagingState()));
  }

  /** The statements that delete the item and its listing row (the caller batches them with the children). */
  List<BatchableStatement<?>> deleteStatements(UUID id) {
    List<BatchableStatement<?>> statements = new ArrayList<>();
    statements.add(db.bind(delete, id));
    find(id).ifPresent(old -> statements.add(db.bind(deleteByName, sortName(old.name()), id)));
    return statements;
  }

  /** {@link #find} without blocking (the processor's item delete). */
  CompletionStage<Optional<CatalogItem>> findAsync(UUID id) {
    return db.executeAsync("read item", db.bind(select, id))
        .thenApply(rs -> Optional.ofNullable(rs.one()).map(row -> map(row, true)));
  }

  /** {@link #deleteStatements} without blocking. */
  CompletionStage<List<BatchableStatement<?>>> deleteStatementsAsync(UUID id) {
    return findAsync(id).thenApply(old -> {
      List<BatchableStatement<?>> statements = new ArrayList<>();
      statements.add(db.bind(delete, id));
      old.ifPresent(o -> statements.add(db.bind(deleteByName, sortName(o.name()), id)));
      return statements;
    });
  }

  /** Case-insensitive order for people; the id breaks ties between equal names. */
  static String sortName(String name) {
    return name.toLowerCase(Locale.ROOT);
  }

  private static CatalogItem map(Row row, boolean withDescription) {
    return new CatalogItem(row.getUuid("id"), row.getString("name"),
        withDescription ? row.getString("description") : null, row.getString("image_url"),
        row.getBigDecimal("price"), row.getInstant("last_updated"), null);
  }
}
