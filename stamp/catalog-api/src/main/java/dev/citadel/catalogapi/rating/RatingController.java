package dev.citadel.catalogapi.rating;

import dev.citadel.catalog.domain.Rating;
import dev.citadel.catalog.domain.RatingSummary;
import dev.citadel.catalog.event.RatingAdded;
import dev.citadel.catalog.event.RatingDeleted;
import dev.citadel.catalog.validation.Validator;
import dev.citadel.catalogapi.config.CatalogApiProperties;
import dev.citadel.catalogapi.events.AsyncWrites;
import dev.citadel.catalogapi.idempotency.Fingerprint;
import dev.citadel.catalogapi.idempotency.IdempotencyKey;
import dev.citadel.catalogapi.problem.IdempotencyKeyReusedException;
import dev.citadel.catalogapi.problem.NotFoundException;
import dev.citadel.catalogapi.problem.ValidationFailedException;
import dev.citadel.catalogapi.store.CatalogReads;
import dev.citadel.catalogapi.store.IdempotencyClaims;
import dev.citadel.catalogapi.web.ApiVersion;
import dev.citadel.servicedefaults.trace.CorrelationFilter;
import dev.citadel.catalogapi.web.RequiresApiKey;
import io.swagger.v3.oas.annotations.Parameter;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Ratings: the summary is computed in the database; votes and deletes go through Kafka (202 once acknowledged). */
@RestController
@RequestMapping(ApiVersion.PREFIX + "/catalogitem/{itemId}/ratings")
class RatingController {

    static final String TEST_DATA_HEADER = "X-TEST-DATA";
    /** The resource kind in a key-derived id: a key used for a comment and a rating gives two different ids. */
    static final String KIND = "rating";

    private final CatalogReads reads;
    private final AsyncWrites asyncWrites;
    private final IdempotencyClaims claims;
    private final boolean claimKeys;

    RatingController(CatalogReads reads, AsyncWrites asyncWrites, IdempotencyClaims claims, CatalogApiProperties properties) {
        this.reads = reads;
        this.claims = claims;
        this.claimKeys = properties.cassandra().claimAsyncKeys();
        this.asyncWrites = asyncWrites;
    }

    @GetMapping
    RatingSummary summary(@PathVariable UUID itemId) {
        requireItem(itemId);
        return reads.ratingSummary(itemId);
    }

    @GetMapping("/{ratingId}")
    Rating get(@PathVariable UUID itemId, @PathVariable UUID ratingId) {
        return reads.findRating(itemId, ratingId).orElseThrow(() -> new NotFoundException("Rating", ratingId));
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Rating> add(@PathVariable String version, @PathVariable UUID itemId,
            @RequestBody RatingRequest body,
            @RequestHeader(name = TEST_DATA_HEADER, required = false) String testData,
            @Parameter(description = IdempotencyKey.DESCRIPTION)
            @RequestHeader(name = IdempotencyKey.HEADER, required = false) String idempotencyKey,
            HttpServletRequest request) {
        IdempotencyKey key = IdempotencyKey.parse(idempotencyKey);
        long now = asyncWrites.now();
        Rating rating = body == null ? null
                : new Rating(IdempotencyKey.idFor(key, KIND, itemId), itemId, body.rating(), Instant.ofEpochMilli(now));
        ValidationFailedException.throwIfAny(Validator.INSTANCE.validate(rating));
        requireItem(itemId);
        URI location = URI.create("/api/" + version + "/catalogitem/" + itemId + "/ratings/" + rating.id());
        if (key != null) {
            // The id is the key's: a stored vote under it is this request's first outcome (or another request's).
            Optional<Rating> stored = reads.findRating(itemId, rating.id());
            if (stored.isPresent()) {
                if (!Objects.equals(stored.get().rating(), rating.rating())) {
                    throw new IdempotencyKeyReusedException();
                }
                return ResponseEntity.accepted().location(location).body(stored.get());
            }
            // Not stored here yet; a request with other content may be accepted on the other stamp right now
            // (only told apart when claiming is on: it puts a cross-DC round on the accept path).
            if (claimKeys && !claims.claim(rating.id(), Fingerprint.ofRating(rating.rating())).owned()) {
                throw new IdempotencyKeyReusedException();
            }
        }
        asyncWrites.accept(new RatingAdded(rating, now, AsyncWrites.ttlFor(testData)),
                CorrelationFilter.traceOf(request));
        return ResponseEntity.accepted().location(location).body(rating);
    }

    @RequiresApiKey
    @DeleteMapping("/{ratingId}")
    ResponseEntity<Void> delete(@PathVariable UUID itemId, @PathVariable UUID ratingId, HttpServletRequest request) {
        asyncWrites.accept(new RatingDeleted(itemId, ratingId, asyncWrites.now(), 0),
                CorrelationFilter.traceOf(request));
        return ResponseEntity.accepted().build();
    }

    private void requireItem(UUID itemId) {
        if (!reads.itemExists(itemId)) {
            throw new NotFoundException("Catalog item", itemId);
        }
    }
}
