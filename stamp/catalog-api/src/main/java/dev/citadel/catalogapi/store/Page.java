package dev.citadel.catalogapi.store;

import java.util.List;

/**
 * One page of a list read.
 *
 * @param items         the page
 * @param nextPageToken opaque URL-safe token for the next page, {@code null} on the last page
 */
public record Page<T>(List<T> items, String nextPageToken) {

    public Page {
        items = List.copyOf(items);
    }
}
