package dev.citadel.catalogapi.comment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.AdditionalMatchers.aryEq;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.citadel.catalog.domain.Comment;
import dev.citadel.catalog.event.CatalogEvent;
import dev.citadel.catalog.event.CommentAdded;
import dev.citadel.catalog.event.CommentDeleted;
import dev.citadel.catalogapi.events.EventPublisher;
import dev.citadel.catalogapi.idempotency.IdempotencyKey;
import dev.citadel.catalogapi.problem.DependencyUnavailableException;
import dev.citadel.catalogapi.store.CatalogReads;
import dev.citadel.catalogapi.store.IdempotencyClaims;
import dev.citadel.catalog.store.IdempotencyClaim;
import dev.citadel.catalogapi.idempotency.Fingerprint;
import dev.citadel.catalogapi.store.Page;
import dev.citadel.servicedefaults.trace.TraceContext;
import dev.citadel.catalogapi.web.WebSliceTest;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

@WebSliceTest
@TestPropertySource(properties = "citadel.catalog-api.cassandra.claim-async-keys=true")
class CommentControllerTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    CatalogReads reads;
    @Autowired
    EventPublisher publisher;
    @Autowired
    MeterRegistry meters;
    @Autowired
    IdempotencyClaims claims;

    private final UUID itemId = UUID.randomUUID();

    private String comments() {
        return "/api/1.0/catalogitem/" + itemId + "/comments";
    }

    private void itemExists() {
        when(reads.itemExists(itemId)).thenReturn(true);
    }

    @Test
    void acceptsACommentWith202AndLocationOnlyAfterPublishing() throws Exception {
        itemExists();
        var response = mvc.perform(post(comments()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"authorName\":\"Ann\",\"text\":\"Great lamp\"}"))
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.authorName").value("Ann"))
                .andExpect(jsonPath("$.catalogItemId").value(itemId.toString()))
                .andReturn().getResponse();
        ArgumentCaptor<CatalogEvent> event = ArgumentCaptor.forClass(CatalogEvent.class);
        verify(publisher).publish(event.capture(), any(TraceContext.class));
        CommentAdded added = (CommentAdded) event.getValue();
        assertThat(added.ttlSeconds()).isZero();
        assertThat(added.comment().text()).isEqualTo("Great lamp");
        assertThat(response.getHeader("Location")).isEqualTo(comments() + "/" + added.comment().id());
        assertThat(meters.counter("citadel.catalogapi.async.writes", "outcome", "accepted", "type", "CommentAdded")
                .count()).isGreaterThanOrEqualTo(1.0);
    }

    @Test
    void writesTestDataWithA30SecondTtl() throws Exception {
        itemExists();
        mvc.perform(post(comments()).header("X-TEST-DATA", "true").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"authorName\":\"smoke\",\"text\":\"probe\"}"))
                .andExpect(status().isAccepted());
        ArgumentCaptor<CatalogEvent> event = ArgumentCaptor.forClass(CatalogEvent.class);
        verify(publisher).publish(event.capture(), any());
        assertThat(event.getValue().ttlSeconds()).isEqualTo(30);
    }

    @Test
    void answers404AndPublishesNothingWhenTheItemDoesNotExist() throws Exception {
        when(reads.itemExists(itemId)).thenReturn(false);
        mvc.perform(post(comments()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"authorName\":\"Ann\",\"text\":\"hi\"}"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.type").value("https://citadel.dev/problems/not-found"));
        verifyNoInteractions(publisher);
    }

    @Test
    void refusesEmptyAndOverlongFieldsBeforeAnyRead() throws Exception {
        mvc.perform(post(comments()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"authorName\":\"  \",\"text\":\"" + "t".repeat(4001) + "\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("https://citadel.dev/problems/validation-failed"))
                .andExpect(jsonPath("$.violations.length()").value(2));
        mvc.perform(post(comments()).contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.violations.length()").value(2));
        verifyNoInteractions(publisher, reads);
    }

    @Test
    void answers503WithRetryAfterAndCountsTheRejectionWhenKafkaIsDown() throws Exception {
        itemExists();
        doThrow(new DependencyUnavailableException("kafka", new RuntimeException("no broker")))
                .when(publisher).publish(any(), any());
        double before = meters.counter("citadel.catalogapi.async.writes", "outcome", "rejected", "type",
                "CommentAdded").count();
        mvc.perform(post(comments()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"authorName\":\"Ann\",\"text\":\"hi\"}"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "1"))
                .andExpect(header().doesNotExist("Location"));
        assertThat(meters.counter("citadel.catalogapi.async.writes", "outcome", "rejected", "type", "CommentAdded")
                .count()).isEqualTo(before + 1);
    }

    @Test
    void aKeyedCommentGetsTheIdOfItsKeySoEveryRetryNamesTheSameLocation() throws Exception {
        itemExists();
        UUID expected = IdempotencyKey.parse("order-42").idFor("comment", itemId);
        when(claims.claim(eq(expected), aryEq(Fingerprint.ofComment("Ann", "hi")))).thenReturn(
                new IdempotencyClaim(IdempotencyClaim.Outcome.CLAIMED, IdempotencyClaim.Scope.ALL_DATA_CENTRES),
                new IdempotencyClaim(IdempotencyClaim.Outcome.SAME_REQUEST, IdempotencyClaim.Scope.ALL_DATA_CENTRES));
        for (int attempt = 0; attempt < 2; attempt++) {
            mvc.perform(post(comments()).header("Idempotency-Key", "order-42").contentType(MediaType.APPLICATION_JSON)
                            .content("{\"authorName\":\"Ann\",\"text\":\"hi\"}"))
                    .andExpect(status().isAccepted())
                    .andExpect(header().string("Location", comments() + "/" + expected))
                    .andExpect(jsonPath("$.id").value(expected.toString()));
        }
        // Not stored yet (still in flight): both are published, under the one id the processor applies once.
        ArgumentCaptor<CatalogEvent> events = ArgumentCaptor.forClass(CatalogEvent.class);
        verify(publisher, org.mockito.Mockito.times(2)).publish(events.capture(), any());
        assertThat(events.getAllValues()).allSatisfy(e -> assertThat(((CommentAdded) e).comment().id())
                .isEqualTo(expected));
    }

    @Test
    void aKeyedCommentAlreadyStoredIsAnsweredAsTheFirstTimeAndNotPublishedAgain() throws Exception {
        itemExists();
        UUID id = IdempotencyKey.parse("order-42").idFor("comment", itemId);
        Instant first = Instant.parse("2026-01-01T00:00:00Z");
        when(reads.findComment(itemId, id)).thenReturn(Optional.of(new Comment(id, itemId, "Ann", "hi", first)));

        mvc.perform(post(comments()).header("Idempotency-Key", "order-42").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"authorName\":\"Ann\",\"text\":\"hi\"}"))
                .andExpect(status().isAccepted())
                .andExpect(header().string("Location", comments() + "/" + id))
                .andExpect(jsonPath("$.id").value(id.toString()))
                .andExpect(jsonPath("$.creationDate").value("2026-01-01T00:00:00Z"));
        verifyNoInteractions(publisher);
    }

    @Test
    void aKeyedCommentWhoseKeyAnotherTextClaimedFirstIs422AndPublishesNothing() throws Exception {
        itemExists();
        UUID id = IdempotencyKey.parse("order-43").idFor("comment", itemId);
        when(claims.claim(eq(id), any())).thenReturn(new IdempotencyClaim(IdempotencyClaim.Outcome.OTHER_REQUEST,
                IdempotencyClaim.Scope.ALL_DATA_CENTRES));

        mvc.perform(post(comments()).header("Idempotency-Key", "order-43").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"authorName\":\"Ann\",\"text\":\"hi\"}"))
                .andExpect(status().is(422))
                .andExpect(jsonPath("$.type").value("https://citadel.dev/problems/idempotency-key-reused"));
        verifyNoInteractions(publisher);
    }

    @Test
    void aKeyReusedWithAnotherTextIs422AndPublishesNothing() throws Exception {
        itemExists();
        UUID id = IdempotencyKey.parse("order-42").idFor("comment", itemId);
        when(reads.findComment(itemId, id)).thenReturn(Optional.of(new Comment(id, itemId, "Ann", "hi", Instant.now())));

        mvc.perform(post(comments()).header("Idempotency-Key", "order-42").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"authorName\":\"Ann\",\"text\":\"something else\"}"))
                .andExpect(status().is(422))
                .andExpect(header().string("Content-Type", "application/problem+json"))
                .andExpect(jsonPath("$.type").value("https://citadel.dev/problems/idempotency-key-reused"));
        verifyNoInteractions(publisher);
    }

    @Test
    void refusesAnUnusableKeyWith400AndReadsAndPublishesNothing() throws Exception {
        for (String bad : List.of("", "two words", "k".repeat(256))) {
            mvc.perform(post(comments()).header("Idempotency-Key", bad).contentType(MediaType.APPLICATION_JSON)
                            .content("{\"authorName\":\"Ann\",\"text\":\"hi\"}"))
                    .andExpect(status().isBadRequest())
                    .andExpect(header().string("Content-Type", "application/problem+json"))
                    .andExpect(jsonPath("$.type").value("https://citadel.dev/problems/invalid-idempotency-key"));
        }
        verifyNoInteractions(publisher, reads);
    }

    @Test
    void listsCommentsNewestFirstWithTheDefaultLimitOf10() throws Exception {
        itemExists();
        Comment newer = new Comment(UUID.randomUUID(), itemId, "B", "second", Instant.parse("2026-01-02T00:00:00Z"));
        Comment older = new Comment(UUID.randomUUID(), itemId, "A", "first", Instant.parse("2026-01-01T00:00:00Z"));
        when(reads.listComments(itemId, 10, null)).thenReturn(new Page<>(List.of(newer, older), null));
        mvc.perform(get(comments()))
                .andExpect(status().isOk())
                .andExpect(header().doesNotExist("X-Continuation-Token"))
                .andExpect(jsonPath("$[0].text").value("second"))
                .andExpect(jsonPath("$[1].text").value("first"));
    }

    @Test
    void sendsTheContinuationTokenOfAFullPageAndPassesItBackToTheStore() throws Exception {
        itemExists();
        Comment one = new Comment(UUID.randomUUID(), itemId, "A", "only", Instant.parse("2026-01-01T00:00:00Z"));
        when(reads.listComments(itemId, 1, null)).thenReturn(new Page<>(List.of(one), "next_TOKEN-1"));
        when(reads.listComments(itemId, 1, "next_TOKEN-1")).thenReturn(new Page<>(List.of(), null));

        mvc.perform(get(comments()).param("limit", "1"))
                .andExpect(status().isOk())
                .andExpect(header().string("X-Continuation-Token", "next_TOKEN-1"))
                .andExpect(jsonPath("$[0].text").value("only"));
        mvc.perform(get(comments()).param("limit", "1").param("continuationToken", "next_TOKEN-1"))
                .andExpect(status().isOk())
                .andExpect(header().doesNotExist("X-Continuation-Token"))
                .andExpect(jsonPath("$").isEmpty());
    }

    @Test
    void refusesAMalformedCommentContinuationTokenWithAProblemAndReadsNothing() throws Exception {
        mvc.perform(get(comments()).param("continuationToken", "'; DROP TABLE"))
                .andExpect(status().isBadRequest())
                .andExpect(header().string("Content-Type", "application/problem+json"))
                .andExpect(jsonPath("$.type").value("https://citadel.dev/problems/invalid-parameter"));
        verifyNoInteractions(reads);
    }

    @Test
    void refusesACommentLimitOutOfRange() throws Exception {
        mvc.perform(get(comments()).param("limit", "1001")).andExpect(status().isBadRequest());
        verify(reads, never()).listComments(any(), org.mockito.ArgumentMatchers.anyInt(), any());
    }

    @Test
    void returnsOneCommentOr404() throws Exception {
        UUID cid = UUID.randomUUID();
        when(reads.findComment(itemId, cid)).thenReturn(Optional.of(new Comment(cid, itemId, "A", "x", Instant.now())));
        mvc.perform(get(comments() + "/" + cid)).andExpect(status().isOk()).andExpect(jsonPath("$.id").value(cid.toString()));
        mvc.perform(get(comments() + "/" + UUID.randomUUID())).andExpect(status().isNotFound());
        mvc.perform(get(comments() + "/zzz")).andExpect(status().isBadRequest());
    }

    @Test
    void deletingACommentNeedsTheApiKeyAndIsAccepted() throws Exception {
        UUID cid = UUID.randomUUID();
        mvc.perform(delete(comments() + "/" + cid)).andExpect(status().isUnauthorized());
        verifyNoInteractions(publisher);
        mvc.perform(delete(comments() + "/" + cid).header("X-API-KEY", WebSliceTest.KEY))
                .andExpect(status().isAccepted());
        ArgumentCaptor<CatalogEvent> event = ArgumentCaptor.forClass(CatalogEvent.class);
        verify(publisher).publish(event.capture(), any());
        assertThat(event.getValue()).isInstanceOfSatisfying(CommentDeleted.class,
                d -> assertThat(d.commentId()).isEqualTo(cid));
    }
}
