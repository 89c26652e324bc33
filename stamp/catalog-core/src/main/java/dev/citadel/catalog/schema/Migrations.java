package dev.citadel.catalog.schema;

import java.util.List;
import java.util.stream.Stream;

/**
 * The catalog schema, version by version. Tables are designed per query (CITADEL.md §4):
 * <ul>
 *   <li>{@code items}: item by id;</li>
 *   <li>{@code items_by_name}: the name-sorted listing, one partition ({@code bucket = 0}), no description;</li>
 *   <li>{@code comments_by_item}: newest first ({@code created_at DESC, id}); {@code comments_by_id}: by id;</li>
 *   <li>{@code ratings_by_item}: votes per item, and by id;</li>
 *   <li>{@code rating_summary_by_item}: each item's vote count and total, so reading the average is one point read
 *       (V3);</li>
 *   <li>{@code images}: image bytes by id;</li>
 *   <li>{@code health_probe}: the health-service's TTL'd probe writes;</li>
 *   <li>{@code idempotency_claims}: which request owns a key-derived id, decided by a lightweight transaction
 *       (V4).</li>
 * </ul>
 * V2 makes expired (TTL'd) rows purgeable after three hours instead of ten days.
 * Append new versions; never edit a released one.
 */
public final class Migrations {

  private Migrations() {}

  public static final Migration V1 = new Migration(1, "catalog tables", List.of(
      "CREATE TABLE IF NOT EXISTS {ks}.items (id uuid PRIMARY KEY, name text, description text, image_url text, "
          + "price decimal, last_updated timestamp) WITH id = {id:items}",
      "CREATE TABLE IF NOT EXISTS {ks}.items_by_name (bucket int, sort_name text, id uuid, name text, "
          + "image_url text, price decimal, last_updated timestamp, PRIMARY KEY ((bucket), sort_name, id)) "
          + "WITH CLUSTERING ORDER BY (sort_name ASC, id ASC) AND id = {id:items_by_name}",
      "CREATE TABLE IF NOT EXISTS {ks}.comments_by_item (item_id uuid, created_at timestamp, id uuid, "
          + "author_name text, text text, PRIMARY KEY ((item_id), created_at, id)) "
          + "WITH CLUSTERING ORDER BY (created_at DESC, id ASC) AND id = {id:comments_by_item}",
      "CREATE TABLE IF NOT EXISTS {ks}.comments_by_id (item_id uuid, id uuid, created_at timestamp, "
          + "author_name text, text text, PRIMARY KEY ((item_id), id)) WITH id = {id:comments_by_id}",
      "CREATE TABLE IF NOT EXISTS {ks}.ratings_by_item (item_id uuid, id uuid, rating int, created_at timestamp, "
          + "PRIMARY KEY ((item_id), id)) WITH id = {id:ratings_by_item}",
      "CREATE TABLE IF NOT EXISTS {ks}.images (id uuid PRIMARY KEY, content_type text, bytes blob, etag text) "
          + "WITH id = {id:images}",
      "CREATE TABLE IF NOT EXISTS {ks}.health_probe (probe text PRIMARY KEY, written_at timestamp, source text) "
          + "WITH default_time_to_live = 300 AND id = {id:health_probe}"));

  /**
   * Test data ({@code X-TEST-DATA}, 30 s) and probes (300 s) are TTL'd. An expired cell stays on disk as a tombstone
   * until {@code gc_grace_seconds} has passed AND a compaction rewrites its SSTable; with the defaults (10 days, and no
   * compaction of a lone SSTable) every read of a busy item's ratings scanned ~10,000 of them (nodetool tablestats:
   * "Average tombstones per slice" 9,887, local read latency ~30 ms). Three hours matches {@code max_hint_window}: no
   * repair runs here, so a replica that missed a delete can only learn of it from a hint, and hints older than that
   * are not kept anyway. {@code unchecked_tombstone_compaction} lets a single SSTable that is mostly tombstones be
   * compacted on its own once it is as old as the grace period.
   */
  public static final Migration V2 = new Migration(2, "purge expired rows three hours after they expire",
      Stream.of("items", "items_by_name", "comments_by_item", "comments_by_id", "ratings_by_item",
              "images", "health_probe")
          .map(Migrations::purgeExpiredAfterThreeHours).toList());

  /**
   * The rating summary as one row per item, maintained by the writers of {@code ratings_by_item} (catalog-core's
   * store recomputes it after each change), instead of an aggregate over the item's whole partition on every read.
   * {@code votes}/{@code total} carry the TTL of the soonest-expiring vote they count; {@code computed_at} none (a
   * row whose totals expired says "recompute", see the store). The backfill writes the row of every item that has
   * votes, so a missing row means "no votes".
   */
  public static final Migration V3 = new Migration(3, "rating summary row per item", List.of(
      "CREATE TABLE IF NOT EXISTS {ks}.rating_summary_by_item (item_id uuid PRIMARY KEY, votes bigint, total bigint, "
          + "computed_at timestamp) WITH gc_grace_seconds = " + Migrations.GRACE_SECONDS + " AND compaction = "
          + "{'class': 'SizeTieredCompactionStrategy', 'unchecked_tombstone_compaction': 'true', "
          + "'tombstone_compaction_interval': '" + Migrations.GRACE_SECONDS + "'} AND id = {id:rating_summary_by_item}"),
      new RatingSummaryBackfill());

  /**
   * Who owns a key-derived id ({@code Idempotency-Key}): written only by {@code INSERT ... IF NOT EXISTS}, so two
   * stamps racing for one key with different bodies are told apart by Paxos. A claim is kept a day (the key's
   * retention window); after that the resource itself, if it still exists, is what a repeat is compared with.
   */
  public static final Migration V4 = new Migration(4, "idempotency key claims", List.of(
      "CREATE TABLE IF NOT EXISTS {ks}.idempotency_claims (id uuid PRIMARY KEY, fingerprint blob) "
          + "WITH default_time_to_live = " + Migrations.CLAIM_TTL_SECONDS + " AND gc_grace_seconds = "
          + Migrations.GRACE_SECONDS + " AND compaction = {'class': 'SizeTieredCompactionStrategy', "
          + "'unchecked_tombstone_compaction': 'true', 'tombstone_compaction_interval': '" + Migrations.GRACE_SECONDS
          + "'} AND id = {id:idempotency_claims}"));

  /** Every migration, in version order. */
  public static final List<Migration> ALL = List.of(V1, V2, V3, V4);

  /** How long an {@code Idempotency-Key}'s claim is kept: a day, as the big payment APIs keep theirs. */
  public static final int CLAIM_TTL_SECONDS = 24 * 60 * 60;

  static final int GRACE_SECONDS = 3 * 60 * 60;

  private static String purgeExpiredAfterThreeHours(String table) {
    return "ALTER TABLE {ks}." + table + " WITH gc_grace_seconds = " + GRACE_SECONDS
        + " AND compaction = {'class': 'SizeTieredCompactionStrategy', 'unchecked_tombstone_compaction': 'true', "
        + "'tombstone_compaction_interval': '" + GRACE_SECONDS + "'}";
  }
}
