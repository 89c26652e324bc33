package dev.citadel.catalogapi.comment;

import dev.citadel.catalog.domain.Comment;
import dev.citadel.catalog.event.CommentAdded;
import dev.citadel.catalog.event.CommentDeleted;
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
import dev.citadel.catalogapi.store.Page;
import dev.citadel.catalogapi.web.ApiVersion;
import dev.citadel.servicedefaults.trace.CorrelationFilter;
import dev.citadel.catalogapi.web.Paging;
import dev.citadel.catalogapi.web.RequiresApiKey;
import io.swagger.v3.oas.annotations.Parameter;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
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
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Comments: read from the database; adds and deletes go through Kafka and are answered 202 once acknowledged. */
@RestController
@RequestMapping(ApiVersion.PREFIX + "/catalogitem/{itemId}/comments")
class CommentController {

    static final String TEST_DATA_HEADER = "X-TEST-DATA";
    /** The resource kind in a key-derived id: a key used for a comment and a rating gives two different ids. */
    static final String KIND = "comment";
    /** The same paging contract as the item listing: the token comes back as a header and goes out as a parameter. */
    static final String CONTINUATION_HEADER = "X-Continuation-Token";

    private final CatalogReads reads;
    private final AsyncWrites asyncWrites;
    private final IdempotencyClaims claims;
    private final boolean claimKeys;

    CommentController(CatalogReads reads, AsyncWrites asyncWrites, IdempotencyClaims claims, CatalogApiProperties properties) {
        this.reads = reads;
        this.claims = claims;
        this.claimKeys = properties.cassandra().claimAsyncKeys();
        this.asyncWrites = asyncWrites;
    }

    @GetMapping
    ResponseEntity<List<Comment>> list(@PathVariable UUID itemId, @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String continuationToken) {
        int pageSize = Paging.limit(limit, Limits.DEFAULT_COMMENT_LIMIT, Limits.MAX_COMMENT_LIMIT);
        String token = Paging.token(continuationToken);
        requireItem(itemId);
        Page<Comment> page = reads.listComments(itemId, pageSize, token);
        var response = ResponseEntity.ok();
        if (page.nextPageToken() != null) {
            response.header(CONTINUATION_HEADER, page.nextPageToken());
        }
        return response.body(page.items());
    }

    @GetMapping("/{commentId}")
    Comment get(@PathVariable UUID itemId, @PathVariable UUID commentId) {
        return reads.findComment(itemId, commentId).orElseThrow(() -> new NotFoundException("Comment", commentId));
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Comment> add(@PathVariable String version, @PathVariable UUID itemId,
            @RequestBody CommentRequest body,
            @RequestHeader(name = TEST_DATA_HEADER, required = false) String testData,
            @Parameter(description = IdempotencyKey.DESCRIPTION)
            @RequestHeader(name = IdempotencyKey.HEADER, required = false) String idempotencyKey,
            HttpServletRequest request) {
        IdempotencyKey key = IdempotencyKey.parse(idempotencyKey);
        long now = asyncWrites.now();
        Comment comment = body == null ? null
                : new Comment(IdempotencyKey.idFor(key, KIND, itemId), itemId, body.authorName(), body.text(),
                        Instant.ofEpochMilli(now));
        ValidationFailedException.throwIfAny(Validator.INSTANCE.validate(comment));
        requireItem(itemId);
        URI location = URI.create("/api/" + version + "/catalogitem/" + itemId + "/comments/" + comment.id());
        if (key != null) {
            // The id is the key's: a stored comment under it is this request's first outcome (or another request's).
            Optional<Comment> stored = reads.findComment(itemId, comment.id());
            if (stored.isPresent()) {
                Comment first = stored.get();
                if (!Objects.equals(first.authorName(), comment.authorName())
                        || !Objects.equals(first.text(), comment.text())) {
                    throw new IdempotencyKeyReusedException();
                }
                return ResponseEntity.accepted().location(location).body(first);
            }
            // Not stored here yet; a request with other content may be accepted on the other stamp right now
            // (only told apart when claiming is on: it puts a cross-DC round on the accept path).
            if (claimKeys && !claims.claim(comment.id(), Fingerprint.ofComment(comment.authorName(), comment.text())).owned()) {
                throw new IdempotencyKeyReusedException();
            }
        }
        asyncWrites.accept(new CommentAdded(comment, now, AsyncWrites.ttlFor(testData)),
                CorrelationFilter.traceOf(request));
        return ResponseEntity.accepted().location(location).body(comment);
    }

    @RequiresApiKey
    @DeleteMapping("/{commentId}")
    ResponseEntity<Void> delete(@PathVariable UUID itemId, @PathVariable UUID commentId, HttpServletRequest request) {
        asyncWrites.accept(new CommentDeleted(itemId, commentId, asyncWrites.now(), 0),
                CorrelationFilter.traceOf(request));
        return ResponseEntity.accepted().build();
    }

    private void requireItem(UUID itemId) {
        if (!reads.itemExists(itemId)) {
            throw new NotFoundException("Catalog item", itemId);
        }
    }
}
