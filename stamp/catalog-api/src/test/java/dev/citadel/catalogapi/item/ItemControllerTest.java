package dev.citadel.catalogapi.item;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.AdditionalMatchers.aryEq;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.citadel.catalog.domain.CatalogItem;
import dev.citadel.catalog.domain.RatingSummary;
import dev.citadel.catalog.domain.StoredImage;
import dev.citadel.catalog.event.ItemDeleted;
import dev.citadel.catalog.store.IdempotencyClaim;
import dev.citadel.catalogapi.idempotency.Fingerprint;
import dev.citadel.catalogapi.events.EventPublisher;
import dev.citadel.catalogapi.idempotency.IdempotencyKey;
import dev.citadel.catalogapi.image.FetchedImage;
import dev.citadel.catalogapi.image.ImageFetcher;
import dev.citadel.catalogapi.problem.DependencyUnavailableException;
import dev.citadel.catalogapi.problem.ImageFetchException;
import dev.citadel.catalogapi.store.CatalogReads;
import dev.citadel.catalogapi.store.IdempotencyClaims;
import dev.citadel.catalogapi.store.ItemWrites;
import dev.citadel.catalogapi.store.Page;
import dev.citadel.catalogapi.web.WebSliceTest;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

@WebSliceTest
class ItemControllerTest {

    private static final String ITEMS = "/api/1.0/catalogitem";
    private static final String VALID = "{\"name\":\"Lamp\",\"description\":\"bright\",\"price\":12.50}";

    @Autowired
    MockMvc mvc;
    @Autowired
    CatalogReads reads;
    @Autowired
    ItemWrites writes;
    @Autowired
    ImageFetcher fetcher;
    @Autowired
    EventPublisher publisher;
    @Autowired
    IdempotencyClaims claims;

    static final IdempotencyClaim CLAIMED = new IdempotencyClaim(IdempotencyClaim.Outcome.CLAIMED,
            IdempotencyClaim.Scope.ALL_DATA_CENTRES);
    static final IdempotencyClaim LOST = new IdempotencyClaim(IdempotencyClaim.Outcome.OTHER_REQUEST,
            IdempotencyClaim.Scope.ALL_DATA_CENTRES);

    private static CatalogItem item(UUID id) {
        return new CatalogItem(id, "Lamp", "bright", null, new BigDecimal("12.50"), Instant.parse("2026-01-01T00:00:00Z"),
                new RatingSummary(4.5, 2));
    }

    @Test
    void listsItemsWithoutDescriptionAndSendsTheContinuationToken() throws Exception {
        UUID id = UUID.randomUUID();
        when(reads.listItems(100, null)).thenReturn(new Page<>(List.of(item(id)), "next_TOKEN-1"));
        mvc.perform(get(ITEMS))
                .andExpect(status().isOk())
                .andExpect(header().string("X-Continuation-Token", "next_TOKEN-1"))
                .andExpect(jsonPath("$[0].id").value(id.toString()))
                .andExpect(jsonPath("$[0].name").value("Lamp"))
                .andExpect(jsonPath("$[0].description").doesNotExist());
    }

    @Test
    void passesLimitAndContinuationTokenToTheStore() throws Exception {
        when(reads.listItems(5, "abc")).thenReturn(new Page<>(List.of(), null));
        mvc.perform(get(ITEMS).param("limit", "5").param("continuationToken", "abc"))
                .andExpect(status().isOk())
                .andExpect(header().doesNotExist("X-Continuation-Token"));
    }

    @Test
    void refusesALimitOutOfRange() throws Exception {
        for (String limit : List.of("0", "1001", "-1")) {
            mvc.perform(get(ITEMS).param("limit", limit))
                    .andExpect(status().isBadRequest())
                    .andExpect(header().string("Content-Type", "application/problem+json"))
                    .andExpect(jsonPath("$.type").value("https://citadel.dev/problems/invalid-parameter"));
        }
        mvc.perform(get(ITEMS).param("limit", "ten"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("https://citadel.dev/problems/invalid-parameter"));
        verifyNoInteractions(reads);
    }

    @Test
    void refusesAMalformedContinuationToken() throws Exception {
        mvc.perform(get(ITEMS).param("continuationToken", "'; DROP TABLE"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("https://citadel.dev/problems/invalid-parameter"));
        verifyNoInteractions(reads);
    }

    @Test
    void returnsAnItemWithItsRating() throws Exception {
        UUID id = UUID.randomUUID();
        when(reads.findItemToServe(id)).thenReturn(Optional.of(item(id)));
        mvc.perform(get(ITEMS + "/" + id))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.description").value("bright"))
                .andExpect(jsonPath("$.price").value(12.5))
                .andExpect(jsonPath("$.rating.averageRating").value(4.5))
                .andExpect(jsonPath("$.rating.numberOfVotes").value(2))
                .andExpect(jsonPath("$.lastUpdated").value("2026-01-01T00:00:00Z"));
    }

    @Test
    void answers404ProblemForAMissingItem() throws Exception {
        UUID id = UUID.randomUUID();
        when(reads.findItem(id)).thenReturn(Optional.empty());
        mvc.perform(get(ITEMS + "/" + id))
                .andExpect(status().isNotFound())
                .andExpect(header().string("Content-Type", "application/problem+json"))
                .andExpect(jsonPath("$.type").value("https://citadel.dev/problems/not-found"))
                .andExpect(jsonPath("$.status").value(404))
                .andExpect(jsonPath("$.correlationId").isNotEmpty());
    }

    @Test
    void refusesAnInvalidUuid() throws Exception {
        mvc.perform(get(ITEMS + "/not-a-uuid"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("https://citadel.dev/problems/invalid-parameter"))
                .andExpect(jsonPath("$.correlationId").isNotEmpty());
        verifyNoInteractions(reads);
    }

    @Test
    void refusesAnUnsupportedApiVersion() throws Exception {
        mvc.perform(get("/api/2.0/catalogitem"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("https://citadel.dev/problems/unsupported-api-version"))
                .andExpect(jsonPath("$.supportedVersions[0]").value("1.0"));
        mvc.perform(post("/api/1.1/catalogitem").header("X-API-KEY", WebSliceTest.KEY)
                        .contentType(MediaType.APPLICATION_JSON).content(VALID))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("https://citadel.dev/problems/unsupported-api-version"));
        verifyNoInteractions(reads, writes, claims);
    }

    @Test
    void createsAnItemSynchronouslyWith201LocationAndBody() throws Exception {
        var result = mvc.perform(post(ITEMS).header("X-API-KEY", WebSliceTest.KEY)
                        .contentType(MediaType.APPLICATION_JSON).content(VALID))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.name").value("Lamp"))
                .andExpect(jsonPath("$.rating.numberOfVotes").value(0))
                .andReturn();
        ArgumentCaptor<CatalogItem> saved = ArgumentCaptor.forClass(CatalogItem.class);
        verify(writes).saveItem(saved.capture(), eq(Optional.empty()));
        assertThat(saved.getValue().id()).isNotNull();
        assertThat(saved.getValue().lastUpdated()).isNotNull();
        assertThat(result.getResponse().getHeader("Location")).isEqualTo(ITEMS + "/" + saved.getValue().id());
        verifyNoInteractions(fetcher);
    }

    @Test
    void aKeyedCreateNamesItsItemByTheKeyAndWritesIt() throws Exception {
        UUID expected = IdempotencyKey.parse("item-key-1").idFor(ItemController.KIND);
        when(reads.findItem(expected)).thenReturn(Optional.empty());
        byte[] fingerprint = Fingerprint.ofItem("Lamp", "bright", null, new BigDecimal("12.5"));
        when(claims.claim(eq(expected), aryEq(fingerprint))).thenReturn(CLAIMED);
        mvc.perform(post(ITEMS).header("X-API-KEY", WebSliceTest.KEY).header("Idempotency-Key", "item-key-1")
                        .contentType(MediaType.APPLICATION_JSON).content(VALID))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", ITEMS + "/" + expected))
                .andExpect(jsonPath("$.id").value(expected.toString()));
        ArgumentCaptor<CatalogItem> saved = ArgumentCaptor.forClass(CatalogItem.class);
        verify(writes).saveItem(saved.capture(), eq(Optional.empty()));
        assertThat(saved.getValue().id()).isEqualTo(expected);
    }

    @Test
    void aKeyedCreateAlreadyStoredReplays201WithTheStoredItemAndWritesNothing() throws Exception {
        UUID id = IdempotencyKey.parse("item-key-2").idFor(ItemController.KIND);
        // Stored by the first request (on either stamp), its price written back with another scale.
        CatalogItem stored = new CatalogItem(id, "Lamp", "bright", null, new BigDecimal("12.5"),
                Instant.parse("2026-01-01T00:00:00Z"), new RatingSummary(4.5, 2));
        when(reads.findItem(id)).thenReturn(Optional.of(stored));
        mvc.perform(post(ITEMS).header("X-API-KEY", WebSliceTest.KEY).header("Idempotency-Key", "item-key-2")
                        .contentType(MediaType.APPLICATION_JSON).content(VALID))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", ITEMS + "/" + id))
                .andExpect(jsonPath("$.lastUpdated").value("2026-01-01T00:00:00Z"));
        verifyNoInteractions(writes, fetcher, claims);
    }

    @Test
    void aKeyedCreateWhoseKeyAnotherBodyClaimedFirstIs422AndFetchesAndWritesNothing() throws Exception {
        // Not stored here yet: the other stamp's request, with other content, owns the key's claim.
        UUID id = IdempotencyKey.parse("item-key-4").idFor(ItemController.KIND);
        when(reads.findItem(id)).thenReturn(Optional.empty());
        when(claims.claim(eq(id), any())).thenReturn(LOST);
        mvc.perform(post(ITEMS).header("X-API-KEY", WebSliceTest.KEY).header("Idempotency-Key", "item-key-4")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"Lamp\",\"description\":\"bright\",\"price\":12.50,"
                                + "\"imageUrl\":\"https://img.example/lamp.png\"}"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(header().string("Content-Type", "application/problem+json"))
                .andExpect(jsonPath("$.type").value("https://citadel.dev/problems/idempotency-key-reused"));
        verifyNoInteractions(writes, fetcher);
    }

    @Test
    void aKeyedCreateWhoseKeyTheSameBodyClaimedFirstWritesItToo() throws Exception {
        UUID id = IdempotencyKey.parse("item-key-5").idFor(ItemController.KIND);
        when(reads.findItem(id)).thenReturn(Optional.empty());
        when(claims.claim(eq(id), any())).thenReturn(new IdempotencyClaim(IdempotencyClaim.Outcome.SAME_REQUEST,
                IdempotencyClaim.Scope.THIS_DATA_CENTRE));
        mvc.perform(post(ITEMS).header("X-API-KEY", WebSliceTest.KEY).header("Idempotency-Key", "item-key-5")
                        .contentType(MediaType.APPLICATION_JSON).content(VALID))
                .andExpect(status().isCreated());
        verify(writes).saveItem(any(), eq(Optional.empty()));
    }

    @Test
    void aKeyReusedForAnotherItemIs422AndWritesNothing() throws Exception {
        UUID id = IdempotencyKey.parse("item-key-3").idFor(ItemController.KIND);
        when(reads.findItem(id)).thenReturn(Optional.of(item(id)));
        mvc.perform(post(ITEMS).header("X-API-KEY", WebSliceTest.KEY).header("Idempotency-Key", "item-key-3")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"Lamp\",\"description\":\"bright\",\"price\":13}"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(header().string("Content-Type", "application/problem+json"))
                .andExpect(jsonPath("$.type").value("https://citadel.dev/problems/idempotency-key-reused"));
        verifyNoInteractions(writes, fetcher, claims);
    }

    @Test
    void aMalformedKeyOnACreateIs400AndReadsNothing() throws Exception {
        mvc.perform(post(ITEMS).header("X-API-KEY", WebSliceTest.KEY).header("Idempotency-Key", "two words")
                        .contentType(MediaType.APPLICATION_JSON).content(VALID))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("https://citadel.dev/problems/invalid-idempotency-key"));
        verifyNoInteractions(reads, writes, claims);
    }

    @Test
    void acceptsTheRotatedSecondApiKey() throws Exception {
        mvc.perform(post(ITEMS).header("X-API-KEY", WebSliceTest.ROTATED_KEY)
                        .contentType(MediaType.APPLICATION_JSON).content(VALID))
                .andExpect(status().isCreated());
    }

    @Test
    void fetchesTheImageAndStoresItUnderTheItemId() throws Exception {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G'};
        when(fetcher.fetch(eq(URI.create("https://img.example/lamp.png")), any())).thenReturn(new FetchedImage("image/png", png));
        mvc.perform(post(ITEMS).header("X-API-KEY", WebSliceTest.KEY).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"Lamp\",\"imageUrl\":\"https://img.example/lamp.png\",\"price\":1}"))
                .andExpect(status().isCreated());
        ArgumentCaptor<CatalogItem> saved = ArgumentCaptor.forClass(CatalogItem.class);
        @SuppressWarnings("unchecked")
        ArgumentCaptor<Optional<StoredImage>> image = ArgumentCaptor.forClass(Optional.class);
        verify(writes).saveItem(saved.capture(), image.capture());
        assertThat(image.getValue()).hasValueSatisfying(i -> {
            assertThat(i.id()).isEqualTo(saved.getValue().id());
            assertThat(i.contentType()).isEqualTo("image/png");
            assertThat(i.bytes()).isEqualTo(png);
        });
    }

    @Test
    void answers422AndWritesNothingWhenTheImageCannotBeFetched() throws Exception {
        when(fetcher.fetch(any(), any())).thenThrow(new ImageFetchException("The image URL answered HTTP 404"));
        mvc.perform(post(ITEMS).header("X-API-KEY", WebSliceTest.KEY).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"Lamp\",\"imageUrl\":\"https://img.example/x.png\",\"price\":1}"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.type").value("https://citadel.dev/problems/image-fetch-failed"));
        verifyNoInteractions(writes);
    }

    /** citadel rotate's probe (deploy/local/citadel-cli HttpKeyProbe): tells the key's verdict, writes nothing. */
    @Test
    void theRotationProbeTellsWhetherAKeyIsTakenWithoutWriting() throws Exception {
        String nil = ITEMS + "/00000000-0000-0000-0000-000000000000";
        mvc.perform(put(nil).header("X-API-KEY", WebSliceTest.ROTATED_KEY).contentType(MediaType.APPLICATION_JSON)
                        .content("{}"))
                .andExpect(status().isBadRequest());
        mvc.perform(put(nil).header("X-API-KEY", "retired-key").contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string("WWW-Authenticate", "ApiKey header=\"X-API-KEY\""));
        verifyNoInteractions(writes, publisher, fetcher);
    }

    @Test
    void refusesItemWritesWithoutOrWithAWrongApiKey() throws Exception {
        mvc.perform(post(ITEMS).contentType(MediaType.APPLICATION_JSON).content(VALID))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string("WWW-Authenticate", "ApiKey header=\"X-API-KEY\""))
                .andExpect(jsonPath("$.type").value("https://citadel.dev/problems/unauthorized"));
        mvc.perform(post(ITEMS).header("X-API-KEY", "key-on").contentType(MediaType.APPLICATION_JSON).content(VALID))
                .andExpect(status().isUnauthorized());
        mvc.perform(put(ITEMS + "/" + UUID.randomUUID()).header("X-API-KEY", "")
                        .contentType(MediaType.APPLICATION_JSON).content(VALID))
                .andExpect(status().isUnauthorized());
        mvc.perform(delete(ITEMS + "/" + UUID.randomUUID()).header("X-API-KEY", "key-one,key-two"))
                .andExpect(status().isUnauthorized());
        verifyNoInteractions(writes, publisher, fetcher);
    }

    @Test
    void refusesMalformedJson() throws Exception {
        mvc.perform(post(ITEMS).header("X-API-KEY", WebSliceTest.KEY).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"Lamp\","))
                .andExpect(status().isBadRequest())
                .andExpect(header().string("Content-Type", "application/problem+json"))
                .andExpect(jsonPath("$.type").value("https://citadel.dev/problems/malformed-request"))
                .andExpect(jsonPath("$.detail").value("The request body is not valid JSON"));
        verifyNoInteractions(writes);
    }

    @Test
    void refusesUnknownJsonFields() throws Exception {
        mvc.perform(post(ITEMS).header("X-API-KEY", WebSliceTest.KEY).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"Lamp\",\"price\":1,\"id\":\"" + UUID.randomUUID() + "\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("Unknown field 'id'"));
        verifyNoInteractions(writes);
    }

    @Test
    void refusesAWrongContentType() throws Exception {
        mvc.perform(post(ITEMS).header("X-API-KEY", WebSliceTest.KEY).contentType(MediaType.TEXT_PLAIN)
                        .content(VALID))
                .andExpect(status().isUnsupportedMediaType())
                .andExpect(jsonPath("$.type").value("https://citadel.dev/problems/unsupported-media-type"));
        verifyNoInteractions(writes);
    }

    @Test
    void refusesAnOversizedBody() throws Exception {
        String big = "{\"name\":\"Lamp\",\"price\":1,\"description\":\"" + "x".repeat(9000) + "\"}";
        mvc.perform(post(ITEMS).header("X-API-KEY", WebSliceTest.KEY).contentType(MediaType.APPLICATION_JSON)
                        .content(big))
                .andExpect(status().isContentTooLarge())
                .andExpect(jsonPath("$.type").value("https://citadel.dev/problems/payload-too-large"))
                .andExpect(header().exists("X-Correlation-ID"));
        verifyNoInteractions(writes);
    }

    @Test
    void refusesInvalidFieldsListingEveryViolation() throws Exception {
        mvc.perform(post(ITEMS).header("X-API-KEY", WebSliceTest.KEY).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"\",\"price\":-1,\"imageUrl\":\"file:///etc/passwd\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("https://citadel.dev/problems/validation-failed"))
                .andExpect(jsonPath("$.violations.length()").value(3))
                .andExpect(jsonPath("$.violations[?(@.field=='name')]").exists())
                .andExpect(jsonPath("$.violations[?(@.field=='price')]").exists())
                .andExpect(jsonPath("$.violations[?(@.field=='imageUrl')]").exists());
        verifyNoInteractions(writes, fetcher);
    }

    @Test
    void refusesAPriceWithMoreThanTwoDecimalsAndAnOverlongName() throws Exception {
        mvc.perform(post(ITEMS).header("X-API-KEY", WebSliceTest.KEY).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"" + "n".repeat(201) + "\",\"price\":1.234}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.violations[?(@.field=='price')].message")
                        .value("must have at most 2 decimals"))
                .andExpect(jsonPath("$.violations[?(@.field=='name')]").exists());
        verifyNoInteractions(writes);
    }

    @Test
    void updatesAnExistingItemRefreshingLastUpdated() throws Exception {
        UUID id = UUID.randomUUID();
        when(reads.findItem(id)).thenReturn(Optional.of(item(id)));
        mvc.perform(put(ITEMS + "/" + id).header("X-API-KEY", WebSliceTest.KEY)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"Desk lamp\",\"price\":13}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.id").value(id.toString()))
                .andExpect(jsonPath("$.name").value("Desk lamp"))
                .andExpect(jsonPath("$.rating.numberOfVotes").value(2));
        ArgumentCaptor<CatalogItem> saved = ArgumentCaptor.forClass(CatalogItem.class);
        verify(writes).saveItem(saved.capture(), eq(Optional.empty()));
        assertThat(saved.getValue().lastUpdated()).isAfter(item(id).lastUpdated());
    }

    @Test
    void answers404WhenUpdatingAMissingItemAndWritesNothing() throws Exception {
        UUID id = UUID.randomUUID();
        when(reads.findItem(id)).thenReturn(Optional.empty());
        mvc.perform(put(ITEMS + "/" + id).header("X-API-KEY", WebSliceTest.KEY)
                        .contentType(MediaType.APPLICATION_JSON).content(VALID))
                .andExpect(status().isNotFound());
        verifyNoInteractions(writes, fetcher);
    }

    @Test
    void acceptsADeleteOnlyAfterTheBrokerAcknowledged() throws Exception {
        UUID id = UUID.randomUUID();
        mvc.perform(delete(ITEMS + "/" + id).header("X-API-KEY", WebSliceTest.KEY))
                .andExpect(status().isAccepted());
        ArgumentCaptor<ItemDeleted> event = ArgumentCaptor.forClass(ItemDeleted.class);
        verify(publisher).publish(event.capture(), any());
        assertThat(event.getValue().catalogItemId()).isEqualTo(id);
        assertThat(event.getValue().acceptedAt()).isPositive();
    }

    @Test
    void answers503WithRetryAfterWhenKafkaDoesNotAcknowledge() throws Exception {
        doThrow(new DependencyUnavailableException("kafka", new java.util.concurrent.TimeoutException()))
                .when(publisher).publish(any(), any());
        mvc.perform(delete(ITEMS + "/" + UUID.randomUUID()).header("X-API-KEY", WebSliceTest.KEY))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "1"))
                .andExpect(jsonPath("$.type").value("https://citadel.dev/problems/dependency-unavailable"));
    }

    @Test
    void answers503WithRetryAfterWhenCassandraTimesOut() throws Exception {
        when(reads.listItems(anyInt(), isNull()))
                .thenThrow(new DependencyUnavailableException("cassandra", new RuntimeException("read timeout")));
        mvc.perform(get(ITEMS))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "1"))
                .andExpect(header().exists("X-Correlation-ID"));
    }

    @Test
    void answers500WithoutInternalsForAnUnexpectedError() throws Exception {
        UUID id = UUID.randomUUID();
        when(reads.findItemToServe(id)).thenThrow(new IllegalStateException("secret internal detail at Foo.java:42"));
        var body = mvc.perform(get(ITEMS + "/" + id))
                .andExpect(status().isInternalServerError())
                .andExpect(jsonPath("$.type").value("https://citadel.dev/problems/internal-error"))
                .andReturn().getResponse().getContentAsString();
        assertThat(body).doesNotContain("secret", "IllegalStateException", "Foo.java", "at ");
    }
}
