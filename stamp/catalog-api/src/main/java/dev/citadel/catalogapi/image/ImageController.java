package dev.citadel.catalogapi.image;

import dev.citadel.catalog.domain.StoredImage;
import dev.citadel.catalogapi.config.CatalogApiProperties;
import dev.citadel.catalogapi.problem.NotFoundException;
import dev.citadel.catalogapi.store.CatalogReads;
import java.util.UUID;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Serves stored item images with a strong ETag (content hash, equal in every region) so the edge and browsers can
 * cache and revalidate ({@code If-None-Match} → 304).
 */
@RestController
class ImageController {

    private final CatalogReads reads;
    private final CacheControl cacheControl;

    ImageController(CatalogReads reads, CatalogApiProperties properties) {
        this.reads = reads;
        this.cacheControl = CacheControl.maxAge(properties.images().cacheMaxAge()).cachePublic();
    }

    @GetMapping("/images/{id}")
    ResponseEntity<byte[]> get(@PathVariable UUID id,
            @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch) {
        StoredImage image = reads.findImage(id).orElseThrow(() -> new NotFoundException("Image", id));
        if (ETags.matches(ifNoneMatch, image.etag())) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(image.etag()).cacheControl(cacheControl).build();
        }
        return ResponseEntity.ok()
                .eTag(image.etag())
                .cacheControl(cacheControl)
                .contentType(MediaType.parseMediaType(image.contentType()))
                // Fetched bytes are third-party content: never let a browser sniff them into something executable.
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "default-src 'none'; sandbox")
                .body(image.bytes());
    }
}
