package dev.citadel.catalog.event;

import java.util.Objects;
import java.util.UUID;

/** An operator deleted a vote; deleting a missing vote is a no-op. */
public record RatingDeleted(UUID catalogItemId, UUID ratingId, long acceptedAt, int ttlSeconds)
    implements CatalogEvent {

  public static final String TYPE = "RatingDeleted";

  public RatingDeleted {
    Objects.requireNonNull(catalogItemId, "catalogItemId");
    Objects.requireNonNull(ratingId, "ratingId");
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
