package dev.citadel.catalog.event;

import static dev.citadel.catalog.event.PoisonEventException.Kind.INVALID;
import static dev.citadel.catalog.event.PoisonEventException.Kind.UNPARSEABLE;

import dev.citadel.catalog.validation.Validator;
import dev.citadel.catalog.validation.Violation;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.exc.InvalidTypeIdException;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON encoding of {@link CatalogEvent}s for the Kafka record value.
 *
 * <p>{@link #decode} either returns an event that the store can apply as is, or throws
 * {@link PoisonEventException}: bytes that are not JSON, an unknown or missing {@code type}, missing ids, a bad
 * envelope, and payloads that break the {@link Validator} limits are all poison. Thread-safe; share one instance.
 */
public final class EventCodec {

  /** Records larger than this are refused before parsing; real events are a few KB at most. */
  public static final int MAX_EVENT_BYTES = 256 * 1024;

  private final JsonMapper mapper;
  private final Validator validator;

  public EventCodec() {
    this.mapper = JsonMapper.builder()
        // Tolerant reader: a newer producer may add fields while an older processor still runs (blue/green).
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        // A missing acceptedAt must not silently become 0.
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
        .build();
    this.validator = Validator.INSTANCE;
  }

  /** The event as UTF-8 JSON with a {@code type} discriminator. */
  public byte[] encode(CatalogEvent event) {
    return mapper.writeValueAsBytes(event);
  }

  /** Parses and checks an event; anything unusable is a {@link PoisonEventException}. */
  public CatalogEvent decode(byte[] bytes) {
    if (bytes == null || bytes.length == 0) {
      throw new PoisonEventException(UNPARSEABLE, "empty record value");
    }
    if (bytes.length > MAX_EVENT_BYTES) {
      throw new PoisonEventException(UNPARSEABLE, "record value larger than " + MAX_EVENT_BYTES + " bytes");
    }
    CatalogEvent event;
    try {
      event = mapper.readValue(bytes, CatalogEvent.class);
    } catch (JacksonException e) {
      throw new PoisonEventException(kindOf(e), "not a catalog event: " + e.getClass().getSimpleName(), e);
    } catch (IllegalArgumentException | NullPointerException e) {
      // Thrown by the records' compact constructors when Jackson did not wrap them.
      throw new PoisonEventException(INVALID, "invalid event fields: " + e.getMessage(), e);
    }
    if (event == null) {
      throw new PoisonEventException(UNPARSEABLE, "record value is JSON null");
    }
    List<Violation> violations = validator.validate(event);
    if (!violations.isEmpty()) {
      Violation first = violations.get(0);
      throw new PoisonEventException(INVALID,
          "invalid " + event.eventType() + ": " + first.field() + " " + first.message());
    }
    return event;
  }

  /**
   * Broken JSON and a missing or unknown {@code type} are unparseable; a known type whose fields do not bind
   * (missing, wrong shape, refused by the record's constructor) is invalid.
   */
  static PoisonEventException.Kind kindOf(JacksonException e) {
    return e instanceof DatabindException && !(e instanceof InvalidTypeIdException) ? INVALID : UNPARSEABLE;
  }
}
