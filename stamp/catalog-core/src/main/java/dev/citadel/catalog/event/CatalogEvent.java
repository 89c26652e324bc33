package dev.citadel.catalog.event;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * An asynchronous catalog write, accepted by catalog-api (answered 202) and applied by background-processor.
 *
 * <p>Every event carries the ids it needs, its payload, {@code acceptedAt} (epoch milliseconds, set by the API when
 * it accepted the request; the store uses it as the Cassandra write timestamp, so a replay or a late duplicate can
 * never overwrite a newer write) and {@code ttlSeconds} (0 = keep forever; {@code X-TEST-DATA: true} gives 30).
 *
 * <p>JSON form: the record's fields plus a {@code type} discriminator equal to {@link #eventType()}. Unknown fields
 * are ignored on read so that a newer producer can add fields during a blue/green release.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = CommentAdded.class, name = CommentAdded.TYPE),
    @JsonSubTypes.Type(value = RatingAdded.class, name = RatingAdded.TYPE),
    @JsonSubTypes.Type(value = CommentDeleted.class, name = CommentDeleted.TYPE),
    @JsonSubTypes.Type(value = RatingDeleted.class, name = RatingDeleted.TYPE),
    @JsonSubTypes.Type(value = ItemDeleted.class, name = ItemDeleted.TYPE),
    @JsonSubTypes.Type(value = HealthProbe.class, name = HealthProbe.TYPE)
})
public sealed interface CatalogEvent
    permits CommentAdded, RatingAdded, CommentDeleted, RatingDeleted, ItemDeleted, HealthProbe {

  /** Largest TTL Cassandra accepts (20 years). */
  int MAX_TTL_SECONDS = 630_720_000;

  /** Epoch milliseconds at which catalog-api accepted the write. */
  long acceptedAt();

  /** Time to live of the written rows in seconds; 0 means none. */
  int ttlSeconds();

  /** The discriminator, also sent as the {@link EventHeaders#EVENT_TYPE} record header. */
  @JsonIgnore
  String eventType();

  /**
   * The Kafka record key: the item id, so that all events of one item land in one partition and keep their order
   * (a delete never overtakes the add it deletes).
   */
  @JsonIgnore
  String key();

  /** Shared checks of the envelope fields, used by every record's compact constructor. */
  static void checkEnvelope(long acceptedAt, int ttlSeconds) {
    if (acceptedAt <= 0) {
      throw new IllegalArgumentException("acceptedAt must be a positive epoch millisecond value");
    }
    if (ttlSeconds < 0 || ttlSeconds > MAX_TTL_SECONDS) {
      throw new IllegalArgumentException("ttlSeconds must be between 0 and " + MAX_TTL_SECONDS);
    }
  }
}
