package dev.citadel.catalog.store;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.servererrors.UnavailableException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.UUID;

/**
 * Who owns a key-derived id: one lightweight transaction per first keyed write. The claim row is written only through
 * {@code IF NOT EXISTS} (never by a plain write, which would bypass Paxos), so of two requests that race for one id
 * in two data centres exactly one sees {@code [applied] = true}; the other reads the winner's fingerprint in the same
 * round trip.
 */
final class ClaimTable {

  private final StoreSession db;
  private volatile PreparedStatement insert;

  ClaimTable(StoreSession db) {
    this.db = db;
  }

  /** Prepared on first use: the processor and health-service share the store and never claim. */
  private PreparedStatement insert() {
    PreparedStatement prepared = insert;
    if (prepared == null) {
      prepared = db.prepare("INSERT INTO {ks}.idempotency_claims (id, fingerprint) VALUES (?, ?) IF NOT EXISTS");
      insert = prepared;
    }
    return prepared;
  }

  IdempotencyClaim claim(UUID id, byte[] fingerprint, boolean localWhenPeerDown) {
    BoundStatement serial = db.bind(insert(), id, ByteBuffer.wrap(fingerprint))
        .setSerialConsistencyLevel(ConsistencyLevel.SERIAL);
    try {
      return outcome(db.session().execute(serial).one(), fingerprint, IdempotencyClaim.Scope.ALL_DATA_CENTRES);
    } catch (UnavailableException e) {
      if (!localWhenPeerDown) {
        throw DriverErrors.translate("claim idempotency key", e);
      }
      // Too few replicas alive for a cross-DC Paxos quorum (the peer data centre is down or cut off): exclusive in
      // this data centre only, so the stamp keeps taking keyed writes. Below that, LOCAL_SERIAL is unavailable too.
    } catch (RuntimeException e) {
      throw DriverErrors.translate("claim idempotency key", e);
    }
    return outcome(db.execute("claim idempotency key in this data centre",
        serial.setSerialConsistencyLevel(ConsistencyLevel.LOCAL_SERIAL)).one(), fingerprint,
        IdempotencyClaim.Scope.THIS_DATA_CENTRE);
  }

  private static IdempotencyClaim outcome(Row row, byte[] fingerprint, IdempotencyClaim.Scope scope) {
    if (row == null || row.getBoolean("[applied]")) {
      return new IdempotencyClaim(IdempotencyClaim.Outcome.CLAIMED, scope);
    }
    ByteBuffer stored = row.getByteBuffer("fingerprint");
    byte[] bytes = new byte[stored == null ? 0 : stored.remaining()];
    if (stored != null) {
      stored.duplicate().get(bytes);
    }
    return new IdempotencyClaim(Arrays.equals(bytes, fingerprint)
        ? IdempotencyClaim.Outcome.SAME_REQUEST : IdempotencyClaim.Outcome.OTHER_REQUEST, scope);
  }
}
