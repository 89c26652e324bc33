package dev.citadel.catalog.schema;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.metadata.schema.KeyspaceMetadata;
import dev.citadel.catalog.error.CitadelException;
import dev.citadel.catalog.store.DriverErrors;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the catalog keyspace to the newest schema version, once, safely under concurrency:
 * <ol>
 *   <li>creates the keyspace (NetworkTopologyStrategy, replication per DC from the settings) and the bookkeeping
 *       tables {@code schema_lock} / {@code schema_version} — all {@code IF NOT EXISTS}, tables with deterministic
 *       ids ({@link TableIds}) so racing creators agree;</li>
 *   <li>takes the {@link MigrationLock} (LWT at SERIAL);</li>
 *   <li>reads the applied versions at SERIAL (linearizable: sees what a previous lock holder recorded), applies the
 *       missing ones in order, records each ({@code INSERT ... IF NOT EXISTS}), renewing the lock in between;</li>
 *   <li>releases the lock.</li>
 * </ol>
 * Needs a session of a role allowed to create keyspaces, tables and (optionally) roles.
 */
public final class SchemaMigrator {

  private static final Logger LOG = LoggerFactory.getLogger(SchemaMigrator.class);
  private static final String SCOPE = "catalog";

  private final CqlSession session;
  private final String keyspace;
  private final Map<String, Integer> replication;
  private final List<Migration> migrations;
  private final Duration requestTimeout;
  private final Duration lockTtl;
  private final Duration lockWait;

  /**
   * @param replication replicas per data centre, e.g. {@code {dc1=3, dc2=3}}
   */
  public SchemaMigrator(CqlSession session, String keyspace, Map<String, Integer> replication,
      List<Migration> migrations, Duration requestTimeout) {
    this(session, keyspace, replication, migrations, requestTimeout, Duration.ofMinutes(2), Duration.ofMinutes(3));
  }

  SchemaMigrator(CqlSession session, String keyspace, Map<String, Integer> replication, List<Migration> migrations,
      Duration requestTimeout, Duration lockTtl, Duration lockWait) {
    this.session = session;
    this.keyspace = Keyspaces.checkName(keyspace);
    this.replication = Keyspaces.checkReplication(replication);
    this.migrations = Keyspaces.checkOrder(migrations);
    this.requestTimeout = requestTimeout;
    this.lockTtl = lockTtl;
    this.lockWait = lockWait;
  }

  /** Applies what is missing; returns what this call applied (empty when another migrator did it all). */
  public MigrationReport migrate() {
    try {
      bootstrap();
      MigrationLock lock = new MigrationLock(session, keyspace, ownerName(), lockTtl, requestTimeout);
      lock.acquire(lockWait);
      try {
        return applyMissing(lock);
      } finally {
        releaseQuietly(lock);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the migration lock", e);
    } catch (CitadelException | IllegalStateException e) {
      throw e;
    } catch (RuntimeException e) {
      throw DriverErrors.translate("schema migration of " + keyspace, e);
    }
  }

  /** The versions recorded as applied (read at SERIAL). */
  public Set<Integer> appliedVersions() {
    Set<Integer> versions = new HashSet<>();
    for (Row row : session.execute(SimpleStatement.newInstance(
            "SELECT version FROM " + keyspace + ".schema_version WHERE scope = ?", SCOPE)
        .setConsistencyLevel(ConsistencyLevel.SERIAL)
        .setTimeout(requestTimeout))) {
      versions.add(row.getInt("version"));
    }
    return versions;
  }

  private void bootstrap() {
    ddl(Keyspaces.createKeyspace(keyspace, replication));
    alterReplicationIfChanged();
    ddl(TableIds.render("CREATE TABLE IF NOT EXISTS {ks}.schema_lock (name text PRIMARY KEY, owner text, "
        + "acquired_at timestamp) WITH id = {id:schema_lock}", keyspace));
    ddl(TableIds.render("CREATE TABLE IF NOT EXISTS {ks}.schema_version (scope text, version int, "
        + "description text, applied_at timestamp, applied_by text, PRIMARY KEY ((scope), version)) "
        + "WITH id = {id:schema_version}", keyspace));
  }

  /** Keeps the keyspace's replication in line with the settings (adding a region adds its DC). */
  private void alterReplicationIfChanged() {
    KeyspaceMetadata metadata = session.refreshSchema().getKeyspace(keyspace).orElse(null);
    if (metadata != null && !Keyspaces.sameReplication(metadata.getReplication(), replication)) {
      LOG.info("changing replication of keyspace {} to {} (run a repair afterwards)", keyspace, replication);
      ddl(Keyspaces.alterKeyspace(keyspace, replication));
    }
  }

  private MigrationReport applyMissing(MigrationLock lock) {
    Set<Integer> applied = appliedVersions();
    List<Integer> appliedNow = new ArrayList<>();
    for (Migration migration : migrations) {
      if (applied.contains(migration.version())) {
        continue;
      }
      LOG.info("applying schema V{} ({}) to {}", migration.version(), migration.description(), keyspace);
      for (String statement : migration.statements()) {
        ddl(TableIds.render(statement, keyspace));
      }
      if (migration.dataStep() != null) {
        migration.dataStep().run(session, keyspace, requestTimeout, lock::renew);
      }
      record(migration, lock.owner());
      appliedNow.add(migration.version());
      lock.renew();
    }
    int current = migrations.isEmpty() ? 0 : migrations.get(migrations.size() - 1).version();
    return new MigrationReport(appliedNow, current, lock.owner());
  }

  private void record(Migration migration, String owner) {
    session.execute(SimpleStatement.newInstance("INSERT INTO " + keyspace + ".schema_version "
            + "(scope, version, description, applied_at, applied_by) VALUES (?, ?, ?, ?, ?) IF NOT EXISTS",
            SCOPE, migration.version(), migration.description(), Instant.now(), owner)
        .setConsistencyLevel(ConsistencyLevel.QUORUM)
        .setSerialConsistencyLevel(ConsistencyLevel.SERIAL)
        .setTimeout(requestTimeout));
  }

  /** Runs DDL and waits for schema agreement, so the next statement sees the new table on every node. */
  private void ddl(String cql) {
    session.execute(SimpleStatement.newInstance(cql).setTimeout(requestTimeout.plusSeconds(10)));
    if (!session.checkSchemaAgreement()) {
      LOG.warn("schema not yet in agreement after: {}", cql);
    }
  }

  /** A failed release must not hide the migration's own outcome; the lock's TTL frees it anyway. */
  private static void releaseQuietly(MigrationLock lock) {
    try {
      lock.release();
    } catch (RuntimeException e) {
      LOG.warn("could not release the migration lock ({}); it expires by itself", e.getClass().getSimpleName());
    }
  }

  private static String ownerName() {
    return ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID();
  }
}
