package dev.citadel.catalogapi.store;

import dev.citadel.catalog.domain.CatalogItem;
import dev.citadel.catalog.domain.StoredImage;
import java.util.Optional;

/** The synchronous writes (CITADEL.md §3 flow 4): items and their images, straight to the database. */
public interface ItemWrites {

    /**
     * Upserts the item; the image, when present, is written first so a stored item never points at a missing image.
     */
    void saveItem(CatalogItem item, Optional<StoredImage> image);
}
