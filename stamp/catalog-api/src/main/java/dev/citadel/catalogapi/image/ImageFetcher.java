package dev.citadel.catalogapi.image;

import java.net.URI;
import java.time.Duration;

/** Downloads an item's image through the stamp's egress proxy. */
public interface ImageFetcher {

    /**
     * @throws dev.citadel.catalogapi.problem.ImageFetchException when the URL cannot be fetched, is not an image,
     *         is too large or too slow (slower than the configured read timeout or {@code budget}, whichever is
     *         shorter)
     */
    FetchedImage fetch(URI url, Duration budget);

    /** {@link #fetch(URI, Duration)} bounded by the configured timeouts only. */
    default FetchedImage fetch(URI url) {
        return fetch(url, Duration.ofDays(1));
    }
}
