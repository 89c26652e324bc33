package dev.citadel.catalog.store;

import java.util.List;
import java.util.Optional;

/**
 * One page of a listing.
 *
 * @param items         the rows of this page, in listing order
 * @param nextPageToken opaque URL-safe token for the next page, {@code null} on the last page
 */
public record Page<T>(List<T> items, String nextPageToken) {

  public Page {
    items = List.copyOf(items);
  }

  public Optional<String> next() {
    return Optional.ofNullable(nextPageToken);
  }
}
