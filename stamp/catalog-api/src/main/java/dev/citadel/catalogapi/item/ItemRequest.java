package dev.citadel.catalogapi.item;

import dev.citadel.catalog.domain.CatalogItem;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * Body of POST and PUT {@code /catalogitem}: the client-writable fields only (id, lastUpdated and rating are the
 * server's). Unknown fields are refused (400), so a typo is never silently dropped.
 */
public record ItemRequest(String name, String description, String imageUrl, BigDecimal price) {

    CatalogItem toItem(UUID id, Instant lastUpdated) {
        return new CatalogItem(id, name, description, imageUrl, price, lastUpdated, null);
    }
}
