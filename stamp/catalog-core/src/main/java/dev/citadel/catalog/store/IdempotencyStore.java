package dev.citadel.catalog.store;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.ResultSet;
import com.datastax.oss.driver.api.core.cql.Row;
import dev.citadel.catalog.error.RetriableException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * Idempotency records ({@code Idempotency-Key}): who claimed a key, for which request, and the outcome to replay.
 * Every operation is a lightweight transaction at SERIAL consistency, so the claim is decided once for the whole
 * cluster: two stamps in two regions that receive the same key at the same time cannot both win it.
 *
 * <p>A claim is a lease: it is written with a short TTL, so a claimant that dies (or whose release failed) blocks the
 * key only until the lease runs out. Completing rewrites every column with the record's full TTL, on condition that the
 * caller still owns the claim; releasing deletes the record on the same condition. An outcome the coordinator could
 * not confirm (timeout, {@code CASWriteUnknownException}) is a {@link dev.citadel.catalog.error.RetriableException}:
 * the caller must not act as if it had won.
 *
 * <p>Thread-safe; statements are prepared in the constructor, so schema V3 must exist.
 */
public final class IdempotencyStore {

  /** What the claim found. */
  public sealed interface Claim {
    /** This caller owns the key now; {@code owner} identifies the claim for {@link #complete} / {@link #release}. */
    record Won(UUID owner) implements Claim {}

    /** Someone claimed the key first: {@code outcome} is null while that request is still in flight. */
    record Taken(String fingerprint, Outcome outcome) implements Claim {}
  }

  /** The response to replay: status, content type, {@code Location} (or null) and body bytes. */
  public record Outcome(int status, String contentType, String location, byte[] body) {
    public Outcome {
      body = body == null ? new byte[0] : body.clone();
    }

    @Override
    public byte[] body() {
      return body.clone();
    }
  }

  private final StoreSession db;
  private final PreparedStatement claim;
  private final PreparedStatement complete;
  private final PreparedStatement release;

  public IdempotencyStore(CqlSession session, String keyspace, Duration requestTimeout) {
    if (!CassandraSettings.IDENTIFIER.matcher(keyspace).matches()) {
      throw new IllegalArgumentException("bad keyspace name " + keyspace);
    }
    this.db = new StoreSession(Objects.requireNonNull(session, "session"), keyspace,
        Objects.requireNonNull(requestTimeout, "requestTimeout"));
    claim = db.prepare("INSERT INTO {ks}.idempotency_keys (scope, key, fingerprint, owner, created_at) "
        + "VALUES (?, ?, ?, ?, ?) IF NOT EXISTS USING TTL ?");
    complete = db.prepare("UPDATE {ks}.idempotency_keys USING TTL ? SET fingerprint = ?, owner = ?, created_at = ?, "
        + "status = ?, content_type = ?, location = ?, body = ? WHERE scope = ? AND key = ? IF owner = ?");
    release = db.prepare("DELETE FROM {ks}.idempotency_keys WHERE scope = ? AND key = ? IF owner = ?");
  }

  /** Claims {@code (scope, key)} for a request with {@code fingerprint}, for {@code lease} unless completed. */
  public Claim claim(String scope, String key, String fingerprint, Duration lease) {
    UUID owner = UUID.randomUUID();
    ResultSet rs = db.execute("claim idempotency key", db.bindConditional(claim, scope, key, fingerprint, owner,
        Instant.now(), seconds(lease)));
    if (rs.wasApplied()) {
      return new Claim.Won(owner);
    }
    Row existing = rs.one();
    if (existing == null) {
      throw new RetriableException("claim idempotency key: no row in a refused claim");
    }
    if (existing.isNull("status")) {
      return new Claim.Taken(existing.getString("fingerprint"), null);
    }
    ByteBuffer body = existing.getByteBuffer("body");
    byte[] bytes = new byte[body == null ? 0 : body.remaining()];
    if (body != null) {
      body.duplicate().get(bytes);
    }
    return new Claim.Taken(existing.getString("fingerprint"), new Outcome(existing.getInt("status"),
        existing.getString("content_type"), existing.getString("location"), bytes));
  }

  /**
   * Stores the outcome for {@code ttl}; false when the claim is no longer this owner's (its lease ran out and
   * another request took the key), in which case nothing is written.
   */
  public boolean complete(String scope, String key, UUID owner, String fingerprint, Outcome outcome, Duration ttl) {
    return db.execute("complete idempotency key", db.bindConditional(complete, seconds(ttl), fingerprint, owner,
        Instant.now(), outcome.status(), outcome.contentType(), outcome.location(), ByteBuffer.wrap(outcome.body()),
        scope, key, owner)).wasApplied();
  }

  /** Gives the key up (the request failed in a way the client should retry); a no-op when no longer owned. */
  public void release(String scope, String key, UUID owner) {
    db.execute("release idempotency key", db.bindConditional(release, scope, key, owner));
  }

  private static int seconds(Duration d) {
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, d.toSeconds()));
  }
}
