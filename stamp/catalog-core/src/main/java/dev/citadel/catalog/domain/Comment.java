package dev.citadel.catalog.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * A user comment on a catalog item. Plain value (nulls allowed) — see {@link CatalogItem} for why.
 *
 * @param id            server-assigned UUID
 * @param catalogItemId the item commented on
 * @param authorName    1..200 characters
 * @param text          1..4000 characters
 * @param creationDate  when the API accepted the comment; comments are listed newest first by it
 */
public record Comment(UUID id, UUID catalogItemId, String authorName, String text, Instant creationDate) {}
