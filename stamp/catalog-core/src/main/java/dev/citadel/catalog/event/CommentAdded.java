package dev.citadel.catalog.event;

import dev.citadel.catalog.domain.Comment;
import java.util.Objects;

/** A comment was accepted; the processor upserts it by id. */
public record CommentAdded(Comment comment, long acceptedAt, int ttlSeconds) implements CatalogEvent {

  public static final String TYPE = "CommentAdded";

  public CommentAdded {
    Objects.requireNonNull(comment, "comment");
    Objects.requireNonNull(comment.id(), "comment.id");
    Objects.requireNonNull(comment.catalogItemId(), "comment.catalogItemId");
    Objects.requireNonNull(comment.creationDate(), "comment.creationDate");
    CatalogEvent.checkEnvelope(acceptedAt, ttlSeconds);
  }

  @Override
  public String eventType() {
    return TYPE;
  }

  @Override
  public String key() {
    return comment.catalogItemId().toString();
  }
}
