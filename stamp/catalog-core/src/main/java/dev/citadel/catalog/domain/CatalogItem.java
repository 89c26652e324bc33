package dev.citadel.catalog.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * A catalog item as the API shows it.
 *
 * <p>Deliberately a plain value: the constructor accepts anything (including nulls) so that request bodies can be
 * mapped first and then checked by {@link dev.citadel.catalog.validation.Validator}, which reports every bad field
 * at once instead of failing on the first.
 *
 * @param id          server-assigned UUID
 * @param name        display name, 1..200 characters
 * @param description free text up to 4000 characters; {@code null} in list views (the list query does not read it)
 * @param imageUrl    http(s) URL of the image, may be {@code null}
 * @param price       non-negative, at most two decimals
 * @param lastUpdated when the item was last written
 * @param rating      average and vote count, {@code null} when not loaded
 */
public record CatalogItem(
    UUID id,
    String name,
    String description,
    String imageUrl,
    BigDecimal price,
    Instant lastUpdated,
    RatingSummary rating) {

  /** The same item with its rating summary attached (the store keeps ratings in their own table). */
  public CatalogItem withRating(RatingSummary summary) {
    return new CatalogItem(id, name, description, imageUrl, price, lastUpdated, summary);
  }

  /** The same item with a new id and write time, as the API does on create and update. */
  public CatalogItem withIdAndLastUpdated(UUID newId, Instant updatedAt) {
    return new CatalogItem(newId, name, description, imageUrl, price, updatedAt, rating);
  }

  /** The same item pointing at another image URL (e.g. the stored copy at {@code /images/{id}}). */
  public CatalogItem withImageUrl(String url) {
    return new CatalogItem(id, name, description, url, price, lastUpdated, rating);
  }
}
