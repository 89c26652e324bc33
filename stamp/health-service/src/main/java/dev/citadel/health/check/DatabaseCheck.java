package dev.citadel.health.check;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import dev.citadel.catalog.store.CassandraSettings;
import dev.citadel.catalog.store.CatalogSessionFactory;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The database check (CITADEL.md §5): a TTL'd write and a read of this stamp's probe row, both at LOCAL_QUORUM in
 * the stamp's own DC (the session never fails over to a remote DC, so a dead local DC fails the check).
 *
 * <p>Between rounds, the driver's node state pushes a dead DC into the verdict at once ({@link #driverSaysDown()}).
 *
 * <p>The session is opened lazily, so the service starts (and reports 503) while Cassandra is down. After any
 * failure it is closed and reopened on the next run: the driver's own reconnection backs off up to a minute,
 * far slower than the edge needs to see the stamp come back.
 */
public final class DatabaseCheck implements HealthCheck, AutoCloseable {

    public static final String NAME = "database";

    private final CassandraSettings settings;
    private final String table;
    private final Duration ttl;
    private final String probeKey;
    private final DependencyCalls calls;
    private CqlSession session;
    private volatile LocalDcWatch watch;
    private PreparedStatement write;
    private PreparedStatement read;
    private volatile boolean closed;

    public DatabaseCheck(CassandraSettings settings, String table, Duration ttl, String probeKey,
            DependencyCalls calls) {
        if (!table.matches("[a-z][a-z0-9_]{0,47}")) {
            throw new IllegalArgumentException(
                    "citadel.health.cassandra.table must be a plain CQL identifier: " + table);
        }
        this.settings = settings;
        this.table = table;
        this.ttl = ttl;
        this.probeKey = probeKey;
        this.calls = calls;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public synchronized CheckOutcome run() {
        calls.record("cassandra");
        try {
            connect();
            Instant marker = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            session.execute(write.bind(probeKey, marker, "health-service", (int) ttl.toSeconds())
                    .setConsistencyLevel(ConsistencyLevel.LOCAL_QUORUM)
                    .setTimeout(settings.requestTimeout()));
            Row row = session.execute(read.bind(probeKey)
                    .setConsistencyLevel(ConsistencyLevel.LOCAL_QUORUM)
                    .setTimeout(settings.requestTimeout())).one();
            if (row == null || !marker.equals(row.getInstant("written_at"))) {
                return CheckOutcome.down("read at LOCAL_QUORUM did not return the probe just written");
            }
            return CheckOutcome.up("TTL'd write and read at LOCAL_QUORUM in " + settings.localDc());
        } catch (RuntimeException e) {
            discard();
            throw e;
        }
    }

    private void connect() {
        if (closed) {
            throw new IllegalStateException("shutting down");
        }
        if (session == null) {
            LocalDcWatch w = new LocalDcWatch(settings.localDc());
            session = CatalogSessionFactory.create(settings, w);
            watch = w;
            String qualified = settings.keyspace() + "." + table;
            write = session.prepare("INSERT INTO " + qualified + " (probe, written_at, source) VALUES (?, ?, ?)"
                    + " USING TTL ?");
            read = session.prepare("SELECT written_at FROM " + qualified + " WHERE probe = ?");
        }
    }

    /**
     * The driver's pushed word, read live by every probe: a detail when it knows of no node of the stamp's DC that
     * is up, else null (also while no session is open: then the latest round decides).
     */
    public String driverSaysDown() {
        LocalDcWatch w = watch;
        return w != null && w.localDcDown() ? "driver: no node of " + settings.localDc() + " is up" : null;
    }

    private void discard() {
        CqlSession s = session;
        session = null;
        watch = null;
        write = null;
        read = null;
        if (s != null) {
            s.closeAsync();
        }
    }

    @Override
    public void close() {
        closed = true;
        synchronized (this) {
            discard();
        }
    }
}
