package dev.citadel.catalog.event;

import java.util.Objects;
import java.util.UUID;

/** An item was deleted (DELETE answers 202): the item, its comments, ratings and listing row go. */
public record ItemDeleted(UUID catalogItemId, long acceptedAt, int ttlSeconds) implements CatalogEvent {

  public static final String TYPE = "ItemDeleted";

  public ItemDeleted {
    Objects.requireNonNull(catalogItemId, "catalogItemId");
    CatalogEvent.checkEnvelope(acceptedAt, ttlSeconds);
  }

  @Override
  public String eventType() {
    return TYPE;
  }

  @Override
  public String key() {
    return catalogItemId.toString();
  }
}
