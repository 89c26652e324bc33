package dev.citadel.processor.apply;

import java.util.Objects;

import com.datastax.oss.driver.api.core.CqlSession;

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

    private final CassandraSettings settings;
    private CqlSession session;
    private CatalogStore store;

    public LazyStoreSink(CassandraSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    @Override
    public void write(CatalogEvent event) {
        store().apply(event);
    }

    private synchronized CatalogStore store() {
        if (store == null) {
            CqlSession connected = CatalogSessionFactory.create(settings);
            try {
                store = new CatalogStore(connected, settings);
            } catch (RuntimeException e) {
                connected.close();
                throw e;
            }
            session = connected;
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
