package dev.citadel.catalogapi.item;

import dev.citadel.catalog.domain.CatalogItem;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** An entry of the item list: the item without its description (the list query does not read it). */
public record ItemSummary(UUID id, String name, String imageUrl, BigDecimal price, Instant lastUpdated) {

    static ItemSummary of(CatalogItem item) {
        return new ItemSummary(item.id(), item.name(), item.imageUrl(), item.price(), item.lastUpdated());
    }
}
