package dev.citadel.processor.apply;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

import com.datastax.oss.driver.api.core.CqlSession;

import dev.citadel.catalog.error.RetriableException;
import dev.citadel.catalog.event.CatalogEvent;
import dev.citadel.catalog.store.CassandraSettings;
import dev.citadel.catalog.store.CatalogSessionFactory;
import dev.citadel.catalog.store.CatalogStore;

/**
 * The production {@link EventSink}: core's {@link CatalogStore}, connected on first use rather than at startup.
 * A Cassandra outage at startup then costs retries (a {@code RetriableException} from the connect) instead of a
 * crash loop, and the process still comes up, consumes, and reports its health.
 */
public final class LazyStoreSink implements EventSink, AutoCloseable {

    /**
     * After a failed connect, the non-blocking path does not try again for this long: a batch's concurrent pass would
     * otherwise pay one full connect attempt per item on the consumer thread. The blocking retry path always tries.
     */
    static final Duration CONNECT_QUIET_PERIOD = Duration.ofSeconds(5);

    private final CassandraSettings settings;
    private final Supplier<CqlSession> connector;
    private CqlSession session;
    private CatalogStore store;
    private long connectFailedAtNanos;
    private boolean connectFailed;

    public LazyStoreSink(CassandraSettings settings) {
        this(settings, () -> CatalogSessionFactory.create(settings));
    }

    LazyStoreSink(CassandraSettings settings, Supplier<CqlSession> connector) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.connector = Objects.requireNonNull(connector, "connector");
    }

    @Override
    public void write(CatalogEvent event) {
        store().apply(event);
    }

    /**
     * Connects on first use like {@link #write} (unless a connect failed within {@link #CONNECT_QUIET_PERIOD}: then
     * it fails at once, retriably); the write itself does not block the caller.
     */
    @Override
    public CompletionStage<Void> writeAsync(CatalogEvent event) {
        CatalogStore connected;
        try {
            connected = storeUnlessRecentlyFailed();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return connected.applyAsync(event).thenApply(stored -> null);
    }

    private synchronized CatalogStore storeUnlessRecentlyFailed() {
        if (store == null && connectFailed
                && System.nanoTime() - connectFailedAtNanos < CONNECT_QUIET_PERIOD.toNanos()) {
            throw new RetriableException("not connected to Cassandra: the last attempt failed less than "
                    + CONNECT_QUIET_PERIOD.toSeconds() + " s ago");
        }
        return store();
    }

    private synchronized CatalogStore store() {
        if (store == null) {
            try {
                CqlSession connected = connector.get();
                try {
                    store = new CatalogStore(connected, settings);
                } catch (RuntimeException e) {
                    connected.close();
                    throw e;
                }
                session = connected;
                connectFailed = false;
            } catch (RuntimeException e) {
                connectFailed = true;
                connectFailedAtNanos = System.nanoTime();
                throw e;
            }
        }
        return store;
    }

    @Override
    public synchronized void close() {
        if (session != null) {
            session.close();
            session = null;
            store = null;
        }
    }
}
