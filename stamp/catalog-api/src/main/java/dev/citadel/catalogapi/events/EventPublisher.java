package dev.citadel.catalogapi.events;

import dev.citadel.catalog.event.CatalogEvent;
import dev.citadel.servicedefaults.trace.TraceContext;

/** Hands an async write to the stamp's broker. */
public interface EventPublisher {

    /**
     * Returns only once the broker acknowledged the record (acks=all): only then may the API answer 202.
     *
     * @throws dev.citadel.catalogapi.problem.DependencyUnavailableException when the broker did not acknowledge
     *         within the configured bound; the write must then be treated as NOT accepted
     */
    void publish(CatalogEvent event, TraceContext trace);
}
