package dev.citadel.catalog.event;

import java.util.Objects;
import java.util.UUID;

/** An operator deleted a comment; deleting a missing comment is a no-op. */
public record CommentDeleted(UUID catalogItemId, UUID commentId, long acceptedAt, int ttlSeconds)
    implements CatalogEvent {

  public static final String TYPE = "CommentDeleted";

  public CommentDeleted {
    Objects.requireNonNull(catalogItemId, "catalogItemId");
    Objects.requireNonNull(commentId, "commentId");
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
