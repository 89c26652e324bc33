package dev.citadel.catalog.event;

import dev.citadel.catalog.domain.Rating;
import java.util.Objects;

/** A vote was accepted; the processor upserts it by id. */
public record RatingAdded(Rating rating, long acceptedAt, int ttlSeconds) implements CatalogEvent {

  public static final String TYPE = "RatingAdded";

  public RatingAdded {
    Objects.requireNonNull(rating, "rating");
    Objects.requireNonNull(rating.id(), "rating.id");
    Objects.requireNonNull(rating.catalogItemId(), "rating.catalogItemId");
    Objects.requireNonNull(rating.rating(), "rating.rating");
    Objects.requireNonNull(rating.creationDate(), "rating.creationDate");
    CatalogEvent.checkEnvelope(acceptedAt, ttlSeconds);
  }

  @Override
  public String eventType() {
    return TYPE;
  }

  @Override
  public String key() {
    return rating.catalogItemId().toString();
  }
}
