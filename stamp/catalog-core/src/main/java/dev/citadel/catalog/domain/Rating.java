package dev.citadel.catalog.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * One vote on a catalog item. Plain value (nulls allowed) — see {@link CatalogItem} for why.
 *
 * @param id            server-assigned UUID
 * @param catalogItemId the item rated
 * @param rating        1..5 ({@code Integer} so that a missing value can be reported, not defaulted to 0)
 * @param creationDate  when the API accepted the vote
 */
public record Rating(UUID id, UUID catalogItemId, Integer rating, Instant creationDate) {}
