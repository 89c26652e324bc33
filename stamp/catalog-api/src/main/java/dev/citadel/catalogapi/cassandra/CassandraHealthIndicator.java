package dev.citadel.catalogapi.cassandra;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/** Readiness of the database: a LOCAL_QUORUM read of the item table succeeds within the statement timeout. */
class CassandraHealthIndicator implements HealthIndicator {

    private final CassandraCatalog catalog;

    CassandraHealthIndicator(CassandraCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public Health health() {
        try {
            catalog.probe();
            return Health.up().build();
        } catch (RuntimeException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            return Health.down().withDetail("error", cause.getClass().getSimpleName()).build();
        }
    }
}
