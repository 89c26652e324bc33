package dev.citadel.catalog.store;

import dev.citadel.catalog.error.FatalException;
import java.util.UUID;

/**
 * An add names an id that is already stored with different content. Ids of adds are random, or derived from a
 * client's {@code Idempotency-Key}; a clash therefore means that one key was used for two different requests that
 * the API could not tell apart (accepted before the first was visible). Applying it would overwrite what the first
 * request wrote, and retrying cannot help: the processor dead-letters it. The message names ids only, never content.
 */
public final class ConflictingWriteException extends FatalException {

  private final String kind;
  private final UUID id;

  public ConflictingWriteException(String kind, UUID itemId, UUID id) {
    super(kind + " " + id + " of item " + itemId + " is already stored with different content");
    this.kind = kind;
    this.id = id;
  }

  /** {@code comment} or {@code rating}. */
  public String kind() {
    return kind;
  }

  public UUID id() {
    return id;
  }
}
