package dev.citadel.catalog.schema;

import java.util.List;

/**
 * The catalog schema, version by version. Tables are designed per query (CITADEL.md §4):
 * <ul>
 *   <li>{@code items}: item by id;</li>
 *   <li>{@code items_by_name}: the name-sorted listing, one partition ({@code bucket = 0}), no description;</li>
 *   <li>{@code comments_by_item}: newest first ({@code created_at DESC, id}); {@code comments_by_id}: by id;</li>
 *   <li>{@code ratings_by_item}: votes per item, for the in-database average and count, and by id;</li>
 *   <li>{@code images}: image bytes by id;</li>
 *   <li>{@code health_probe}: the health-service's TTL'd probe writes.</li>
 * </ul>
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

  /** Every migration, in version order. */
  public static final List<Migration> ALL = List.of(V1);
}
