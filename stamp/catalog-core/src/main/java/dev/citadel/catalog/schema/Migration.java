package dev.citadel.catalog.schema;

import java.util.List;

/**
 * One schema version. Every statement must be idempotent on its own ({@code IF NOT EXISTS}), so a migrator that
 * died half way can simply run again. In statements, {@code {ks}} is the keyspace and {@code {id:NAME}} a table id
 * derived from keyspace and table name (see {@link TableIds}).
 *
 * @param version     strictly increasing, starting at 1; never renumber a released version
 * @param description one line, stored in {@code schema_version}
 * @param statements  CQL DDL, applied in order
 * @param dataStep    run after the DDL and before the version is recorded (e.g. a backfill of a new table); must be
 *                    idempotent too, since a migrator that dies half way runs it again; {@code null} for none
 */
public record Migration(int version, String description, List<String> statements, DataStep dataStep) {

  /** Rewrites data after a version's DDL, under the migration lock. */
  @FunctionalInterface
  public interface DataStep {
    /**
     * @param session    the migrator's (admin) session
     * @param keyspace   the catalog keyspace
     * @param timeout    per-statement timeout
     * @param renewLock  call at least every minute while working: the migration lock expires otherwise
     */
    void run(com.datastax.oss.driver.api.core.CqlSession session, String keyspace, java.time.Duration timeout,
        Runnable renewLock);
  }

  /** A version that is DDL only. */
  public Migration(int version, String description, List<String> statements) {
    this(version, description, statements, null);
  }

  public Migration {
    if (version < 1) {
      throw new IllegalArgumentException("version must be >= 1");
    }
    statements = List.copyOf(statements);
    for (String s : statements) {
      String upper = s.strip().toUpperCase(java.util.Locale.ROOT);
      if (upper.startsWith("CREATE") && !upper.contains("IF NOT EXISTS")) {
        throw new IllegalArgumentException("V" + version + ": CREATE without IF NOT EXISTS is not idempotent: " + s);
      }
    }
  }
}
