package dev.citadel.catalog.schema;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DriverException;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.ResultSet;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.servererrors.CASWriteUnknownException;
import com.datastax.oss.driver.api.core.servererrors.DefaultWriteType;
import com.datastax.oss.driver.api.core.servererrors.WriteTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A cluster-wide lock held in one row, taken with a lightweight transaction at SERIAL consistency (Paxos across
 * all data centres, so migrators started in two regions at once still exclude each other). The row has a TTL: a
 * migrator that dies releases the lock by expiry, and since every migration is idempotent the next one simply
 * runs it again.
 */
final class MigrationLock {

  static final String NAME = "migrations";
  private static final int UNKNOWN_RESULT_ATTEMPTS = 5;

  private final CqlSession session;
  private final String owner;
  private final Duration ttl;
  private final Duration timeout;
  private final PreparedStatement acquire;
  private final PreparedStatement renew;
  private final PreparedStatement release;

  MigrationLock(CqlSession session, String keyspace, String owner, Duration ttl, Duration requestTimeout) {
    this.session = session;
    this.owner = owner;
    this.ttl = ttl;
    this.timeout = requestTimeout;
    acquire = session.prepare("INSERT INTO " + keyspace + ".schema_lock (name, owner, acquired_at) "
        + "VALUES (?, ?, ?) IF NOT EXISTS USING TTL ?");
    renew = session.prepare("UPDATE " + keyspace + ".schema_lock USING TTL ? SET owner = ?, acquired_at = ? "
        + "WHERE name = ? IF owner = ?");
    release = session.prepare("DELETE FROM " + keyspace + ".schema_lock WHERE name = ? IF owner = ?");
  }

  /** Waits (polling with jitter) until the lock is ours, or throws when {@code maxWait} has passed. */
  void acquire(Duration maxWait) throws InterruptedException {
    Instant deadline = Instant.now().plus(maxWait);
    while (true) {
      if (lwt(acquire.bind(NAME, owner, Instant.now(), (int) ttl.toSeconds()))) {
        return;
      }
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException("schema migration lock still held by another migrator after " + maxWait
            + " (it expires by itself after " + ttl + ")");
      }
      Thread.sleep(250 + ThreadLocalRandom.current().nextLong(500));
    }
  }

  /** Extends the TTL between migrations; fails if the lock expired and someone else took it. */
  void renew() {
    if (!lwt(renew.bind((int) ttl.toSeconds(), owner, Instant.now(), NAME, owner))) {
      throw new IllegalStateException("lost the schema migration lock (it expired while migrating)");
    }
  }

  void release() {
    lwt(release.bind(NAME, owner));
  }

  String owner() {
    return owner;
  }

  /**
   * Runs one lock statement. Two migrators polling the same row make Paxos rounds collide, and Cassandra then answers
   * "result unknown" (seen in CI once there were two migrations, hence two renewals). Every statement here is safe to
   * repeat, and an acquire whose unknown first attempt did apply comes back "not applied" with us as the owner, which
   * counts as applied.
   */
  private boolean lwt(BoundStatement statement) {
    for (int attempt = 1; ; attempt++) {
      try {
        ResultSet rs = session.execute(statement
            .setConsistencyLevel(ConsistencyLevel.QUORUM)
            .setSerialConsistencyLevel(ConsistencyLevel.SERIAL)
            .setTimeout(timeout));
        if (rs.wasApplied()) {
          return true;
        }
        Row current = rs.one();
        return current != null && current.getColumnDefinitions().contains("owner")
            && owner.equals(current.getString("owner"));
      } catch (DriverException e) {
        if (attempt >= UNKNOWN_RESULT_ATTEMPTS || !resultUnknown(e)) {
          throw e;
        }
        pause(100 + ThreadLocalRandom.current().nextLong(300));
      }
    }
  }

  /** A Paxos round that timed out or lost a race: it may or may not have applied. */
  static boolean resultUnknown(Throwable e) {
    if (e instanceof CASWriteUnknownException
        || e instanceof WriteTimeoutException w && w.getWriteType() == DefaultWriteType.CAS) {
      return true;
    }
    if (e instanceof AllNodesFailedException all) {
      return all.getAllErrors().values().stream().flatMap(List::stream).anyMatch(MigrationLock::resultUnknown);
    }
    return false;
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while retrying the migration lock", e);
    }
  }
}
