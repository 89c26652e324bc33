package dev.citadel.catalog.schema;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Deterministic table ids ({@code CREATE TABLE ... WITH id = '...'}).
 *
 * <p>Why: in Cassandra 5.0 two coordinators that run the same {@code CREATE TABLE IF NOT EXISTS} at the same time
 * can both create the table, each with its own random id, and the schema then disagrees about which id owns the
 * data. The migration lock prevents that for migrations, but the lock's own table (and the version table) must be
 * created before any lock exists. With an id derived from {@code keyspace.table}, concurrent creations are the
 * same table and merge harmlessly.
 */
public final class TableIds {

  private TableIds() {}

  public static UUID of(String keyspace, String table) {
    return UUID.nameUUIDFromBytes(("citadel:" + keyspace + "." + table).getBytes(StandardCharsets.UTF_8));
  }

  /** Replaces {@code {ks}} and every {@code {id:NAME}} in {@code cql}. */
  static String render(String cql, String keyspace) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (true) {
      int start = cql.indexOf("{id:", i);
      if (start < 0) {
        out.append(cql.substring(i));
        break;
      }
      int end = cql.indexOf('}', start);
      String table = cql.substring(start + 4, end);
      out.append(cql, i, start).append('\'').append(of(keyspace, table)).append('\'');
      i = end + 1;
    }
    return out.toString().replace("{ks}", keyspace);
  }
}
