package dev.citadel.catalog.event;

import java.util.Objects;
import java.util.UUID;

/**
 * Written by health-service to prove the broker accepts produces (CITADEL.md §5). Consumers discard it (and count
 * it); it never reaches the database.
 *
 * @param probeId unique per probe, also the record key
 * @param source  who sent it, e.g. {@code health-service@stamp-a}
 */
public record HealthProbe(UUID probeId, String source, long acceptedAt, int ttlSeconds) implements CatalogEvent {

  public static final String TYPE = "HealthProbe";

  public HealthProbe {
    Objects.requireNonNull(probeId, "probeId");
    Objects.requireNonNull(source, "source");
    CatalogEvent.checkEnvelope(acceptedAt, ttlSeconds);
  }

  @Override
  public String eventType() {
    return TYPE;
  }

  @Override
  public String key() {
    return probeId.toString();
  }
}
