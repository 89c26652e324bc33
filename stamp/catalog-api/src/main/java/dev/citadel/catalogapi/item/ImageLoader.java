package dev.citadel.catalogapi.item;

import dev.citadel.catalog.domain.CatalogItem;
import dev.citadel.catalog.domain.StoredImage;
import dev.citadel.catalogapi.image.FetchedImage;
import dev.citadel.catalogapi.image.ImageFetcher;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Fetches an item's image before anything is written, so a failed fetch (422) leaves the database untouched. */
@Component
class ImageLoader {

    private final ImageFetcher fetcher;

    ImageLoader(ImageFetcher fetcher) {
        this.fetcher = fetcher;
    }

    /** The image to store under the item's id ({@code /images/{itemId}}), or empty when the item has no imageUrl. */
    /** @param budget the longest the download may take (the request's deadline allows no more) */
    Optional<StoredImage> load(CatalogItem item, Duration budget) {
        if (item.imageUrl() == null) {
            return Optional.empty();
        }
        FetchedImage image = fetcher.fetch(URI.create(item.imageUrl()), budget);
        return Optional.of(StoredImage.of(item.id(), image.contentType(), image.bytes()));
    }
}
