package dev.citadel.catalogapi.item;

import dev.citadel.catalog.domain.CatalogItem;
import dev.citadel.catalog.domain.RatingSummary;
import dev.citadel.catalog.domain.StoredImage;
import dev.citadel.catalog.event.ItemDeleted;
import dev.citadel.catalog.validation.Limits;
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
import dev.citadel.catalogapi.store.ItemWrites;
import dev.citadel.catalogapi.store.Page;
import dev.citadel.catalogapi.web.ApiVersion;
import dev.citadel.servicedefaults.trace.CorrelationFilter;
import dev.citadel.catalogapi.web.Paging;
import dev.citadel.catalogapi.web.RequestDeadline;
import dev.citadel.catalogapi.web.RequiresApiKey;
import io.swagger.v3.oas.annotations.Parameter;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Catalog items: reads from the database, create/update written synchronously, delete accepted asynchronously. */
@RestController
@RequestMapping(ApiVersion.PREFIX + "/catalogitem")
class ItemController {

    static final String CONTINUATION_HEADER = "X-Continuation-Token";
    /** The resource kind in a key-derived item id. */
    static final String KIND = "item";

    private final CatalogReads reads;
    private final ItemWrites writes;
    private final ImageLoader images;
    private final AsyncWrites asyncWrites;
    private final IdempotencyClaims claims;
    /** The bound of one Cassandra statement: what each step checks the request's deadline against. */
    private final Duration statement;

    ItemController(CatalogReads reads, ItemWrites writes, ImageLoader images, AsyncWrites asyncWrites,
            IdempotencyClaims claims, CatalogApiProperties properties) {
        this.reads = reads;
        this.claims = claims;
        this.statement = properties.cassandra().requestTimeout();
        this.writes = writes;
        this.images = images;
        this.asyncWrites = asyncWrites;
    }

    @GetMapping
    ResponseEntity<List<ItemSummary>> list(@RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String continuationToken) {
        int pageSize = Paging.limit(limit, Limits.DEFAULT_ITEM_LIMIT, Limits.MAX_ITEM_LIMIT);
        Page<CatalogItem> page = reads.listItems(pageSize, Paging.token(continuationToken));
        var response = ResponseEntity.ok();
        if (page.nextPageToken() != null) {
            response.header(CONTINUATION_HEADER, page.nextPageToken());
        }
        return response.body(page.items().stream().map(ItemSummary::of).toList());
    }

    @GetMapping("/{id}")
    CatalogItem get(@PathVariable UUID id) {
        return reads.findItemToServe(id).orElseThrow(() -> new NotFoundException("Catalog item", id));
    }

    @RequiresApiKey
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<CatalogItem> create(@PathVariable String version, @RequestBody ItemRequest body,
            @Parameter(description = IdempotencyKey.DESCRIPTION_ITEM)
            @RequestHeader(name = IdempotencyKey.HEADER, required = false) String idempotencyKey) {
        IdempotencyKey key = IdempotencyKey.parse(idempotencyKey);
        CatalogItem item = validated(body, key == null ? UUID.randomUUID() : key.idFor(KIND));
        URI location = URI.create("/api/" + version + "/catalogitem/" + item.id());
        RequestDeadline deadline = RequestDeadline.current();
        if (key != null) {
            // The id is the key's: an item stored under it is this request's first outcome, on whatever stamp.
            Optional<CatalogItem> stored = reads.findItem(item.id());
            if (stored.isPresent()) {
                if (!sameContent(stored.get(), item)) {
                    throw new IdempotencyKeyReusedException();
                }
                return ResponseEntity.created(location).body(stored.get());
            }
            // Not here yet, but a request with other content may be writing it on the other stamp right now: only
            // the request that owns the id's claim (or one with the same content) may write it.
            if (!claims.claim(item.id(), fingerprint(item)).owned()) {
                throw new IdempotencyKeyReusedException();
            }
        }
        save(item, deadline);
        return ResponseEntity.created(location).body(item.withRating(RatingSummary.NONE));
    }

    /**
     * Fetches the image within what the deadline leaves after the writes' reserve, and writes only with at least that
     * reserve left; every statement is also cut to the deadline (CassandraCatalog). So the answer (201/200, 422 or
     * 503) comes before the edge's per-try timeout, and a write is never started that the client cannot hear about.
     * The reserve is half a statement's bound: the writes take milliseconds when Cassandra is well, and one slower
     * than that is a failing dependency (503) rather than a reason to give the image download less time.
     */
    private void save(CatalogItem item, RequestDeadline deadline) {
        Duration reserve = statement.dividedBy(2);
        deadline.require(reserve, "cassandra");
        Optional<StoredImage> image = images.load(item, deadline.remaining().minus(reserve));
        deadline.require(reserve, "cassandra");
        writes.saveItem(item, image);
    }

    static byte[] fingerprint(CatalogItem item) {
        return Fingerprint.ofItem(item.name(), item.description(), item.imageUrl(), item.price());
    }

    /** The client-writable fields; the price by value (9.9 and 9.90 are one price). */
    static boolean sameContent(CatalogItem stored, CatalogItem requested) {
        return Objects.equals(stored.name(), requested.name())
                && Objects.equals(stored.description(), requested.description())
                && Objects.equals(stored.imageUrl(), requested.imageUrl())
                && (stored.price() == null ? requested.price() == null
                        : requested.price() != null && stored.price().compareTo(requested.price()) == 0);
    }

    @RequiresApiKey
    @PutMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    CatalogItem update(@PathVariable UUID id, @RequestBody ItemRequest body) {
        CatalogItem item = validated(body, id);
        RequestDeadline deadline = RequestDeadline.current();
        CatalogItem existing = reads.findItem(id).orElseThrow(() -> new NotFoundException("Catalog item", id));
        save(item, deadline);
        return item.withRating(existing.rating() == null ? RatingSummary.NONE : existing.rating());
    }

    @RequiresApiKey
    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable UUID id, HttpServletRequest request) {
        asyncWrites.accept(new ItemDeleted(id, asyncWrites.now(), 0), CorrelationFilter.traceOf(request));
        return ResponseEntity.accepted().build();
    }

    private CatalogItem validated(ItemRequest body, UUID id) {
        CatalogItem item = body == null ? null : body.toItem(id, Instant.ofEpochMilli(asyncWrites.now()));
        ValidationFailedException.throwIfAny(Validator.INSTANCE.validate(item));
        return item;
    }
}
