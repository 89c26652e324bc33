package dev.citadel.catalogapi.image;

import java.net.URI;

/** Downloads an item's image through the stamp's egress proxy. */
public interface ImageFetcher {

    /**
     * @throws dev.citadel.catalogapi.problem.ImageFetchException when the URL cannot be fetched, is not an image,
     *         is too large or too slow
     */
    FetchedImage fetch(URI url);
}
