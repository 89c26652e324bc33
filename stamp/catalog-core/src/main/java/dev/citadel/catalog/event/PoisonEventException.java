package dev.citadel.catalog.event;

import dev.citadel.catalog.error.FatalException;
import java.util.Objects;

/**
 * The bytes of a record are not a valid {@link CatalogEvent}. Retrying cannot help: the processor dead-letters the
 * record with {@link #kind()} as its {@code dlq-reason} header and moves on. {@link #reason()} adds the detail
 * (which field, which problem) without any payload content.
 */
public final class PoisonEventException extends FatalException {

  /** What is wrong with the record; {@link #headerValue()} is the dead-letter reason operators filter on. */
  public enum Kind {
    /** Not a catalog event at all: empty, oversized, not JSON, JSON null, no or an unknown {@code type}. */
    UNPARSEABLE("unparseable"),
    /** A catalog event of a known type whose fields are missing, malformed or break the validation limits. */
    INVALID("invalid");

    private final String headerValue;

    Kind(String headerValue) {
      this.headerValue = headerValue;
    }

    public String headerValue() {
      return headerValue;
    }
  }

  private final Kind kind;
  private final String reason;

  public PoisonEventException(Kind kind, String reason, Throwable cause) {
    super("poison event (" + Objects.requireNonNull(kind, "kind").headerValue() + "): " + reason, cause);
    this.kind = kind;
    this.reason = reason;
  }

  public PoisonEventException(Kind kind, String reason) {
    this(kind, reason, null);
  }

  public Kind kind() {
    return kind;
  }

  /** A short, log-safe reason (no payload content). */
  public String reason() {
    return reason;
  }
}
