package dev.citadel.catalog.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a service role may do in the catalog keyspace — least privilege per service (CITADEL.md §6).
 * Every profile may SELECT the keyspace; MODIFY is granted table by table.
 */
public enum AccessProfile {
  /** Read only. */
  RO(List.of()),
  /**
   * catalog-api: writes items, the listing and images synchronously, and claims keyed ids; comments and ratings go
   * through Kafka.
   */
  API(List.of("items", "items_by_name", "images", "idempotency_claims")),
  /**
   * background-processor: writes comments, ratings and the rating summaries, and deletes items with their
   * children.
   */
  PROCESSOR(List.of("items", "items_by_name", "comments_by_item", "comments_by_id", "ratings_by_item",
      "rating_summary_by_item")),
  /** health-service: its TTL'd probe writes only. */
  HEALTH(List.of("health_probe")),
  /** Everything (tools, sample-data loading). */
  RW(null);

  private final List<String> modifiableTables;

  AccessProfile(List<String> modifiableTables) {
    this.modifiableTables = modifiableTables;
  }

  /** Parses {@code ro|api|processor|health|rw}, case-insensitive. */
  public static AccessProfile parse(String value) {
    try {
      return valueOf(value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IllegalArgumentException("access must be one of ro, api, processor, health, rw; was " + value);
    }
  }

  /** The GRANT statements for {@code role} (idempotent: granting twice is a no-op). */
  List<String> grants(String keyspace, String role) {
    List<String> out = new ArrayList<>();
    out.add("GRANT SELECT ON KEYSPACE " + keyspace + " TO " + role);
    if (modifiableTables == null) {
      out.add("GRANT MODIFY ON KEYSPACE " + keyspace + " TO " + role);
    } else {
      for (String table : modifiableTables) {
        out.add("GRANT MODIFY ON TABLE " + keyspace + "." + table + " TO " + role);
      }
    }
    return out;
  }
}
