package dev.citadel.catalog.event;

import dev.citadel.catalog.error.FatalException;

/**
 * The bytes of a record are not a valid {@link CatalogEvent} (not JSON, unknown type, missing or invalid fields).
 * Retrying cannot help: the processor dead-letters the record with {@link #reason()} and moves on.
 */
public final class PoisonEventException extends FatalException {

  private final String reason;

  public PoisonEventException(String reason, Throwable cause) {
    super("poison event: " + reason, cause);
    this.reason = reason;
  }

  public PoisonEventException(String reason) {
    this(reason, null);
  }

  /** A short, log-safe reason (no payload content), suitable for the {@code dlq-reason} header. */
  public String reason() {
    return reason;
  }
}
