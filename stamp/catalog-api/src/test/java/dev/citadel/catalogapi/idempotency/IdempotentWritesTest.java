package dev.citadel.catalogapi.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.citadel.catalog.domain.CatalogItem;
import dev.citadel.catalog.event.CatalogEvent;
import dev.citadel.catalog.event.CommentAdded;
import dev.citadel.catalog.store.IdempotencyStore.Claim;
import dev.citadel.catalog.store.IdempotencyStore.Outcome;
import dev.citadel.catalogapi.events.EventPublisher;
import dev.citadel.catalogapi.problem.DependencyUnavailableException;
import dev.citadel.catalogapi.store.CatalogReads;
import dev.citadel.catalogapi.store.ItemWrites;
import dev.citadel.catalogapi.web.WebSliceTest;
import dev.citadel.servicedefaults.trace.TraceContext;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

/** Idempotency-Key on the web layer, with the records port mocked: claim, record, replay, refuse. */
@WebSliceTest
class IdempotentWritesTest {

    private static final String ITEMS = "/api/1.0/catalogitem";
    private static final String VALID = "{\"name\":\"Lamp\",\"description\":\"bright\",\"price\":12.50}";
    private static final String KEY = "8e03978e-40d5-43e8-bc93-6894a57f9324";

    @Autowired
    MockMvc mvc;
    @Autowired
    IdempotencyRecords records;
    @Autowired
    ItemWrites writes;
    @Autowired
    CatalogReads reads;
    @Autowired
    EventPublisher publisher;

    private final UUID owner = UUID.randomUUID();

    @Test
    void theFirstRequestRunsWithAnIdFromTheKeyAndItsOutcomeIsRecordedThenReplayed() throws Exception {
        when(records.claim(any(), any())).thenReturn(new Claim.Won(owner));
        MockHttpServletResponse first = mvc.perform(postItem(KEY, VALID))
                .andExpect(status().isCreated())
                .andExpect(header().doesNotExist(IdempotencyInterceptor.REPLAYED_HEADER))
                .andReturn().getResponse();

        ArgumentCaptor<IdempotentRequest> keyed = ArgumentCaptor.forClass(IdempotentRequest.class);
        ArgumentCaptor<Outcome> outcome = ArgumentCaptor.forClass(Outcome.class);
        verify(records).complete(keyed.capture(), eq(owner), outcome.capture(), eq(Duration.ofHours(24)));
        ArgumentCaptor<CatalogItem> saved = ArgumentCaptor.forClass(CatalogItem.class);
        verify(writes).saveItem(saved.capture(), eq(Optional.empty()));
        assertThat(saved.getValue().id()).isEqualTo(keyed.getValue().resourceId());
        assertThat(keyed.getValue().key()).isEqualTo(KEY);
        assertThat(outcome.getValue().status()).isEqualTo(201);
        assertThat(outcome.getValue().location()).isEqualTo(ITEMS + "/" + saved.getValue().id());
        assertThat(new String(outcome.getValue().body(), StandardCharsets.UTF_8))
                .isEqualTo(first.getContentAsString());

        when(records.claim(any(), any())).thenReturn(new Claim.Taken(keyed.getValue().fingerprint(),
                outcome.getValue()));
        MockHttpServletResponse replay = mvc.perform(postItem(KEY, VALID))
                .andExpect(status().isCreated())
                .andExpect(header().string(IdempotencyInterceptor.REPLAYED_HEADER, "true"))
                .andExpect(header().string("Location", first.getHeader("Location")))
                .andReturn().getResponse();
        assertThat(replay.getContentAsString()).isEqualTo(first.getContentAsString());
        assertThat(replay.getContentType()).startsWith(MediaType.APPLICATION_JSON_VALUE);
        verify(writes).saveItem(any(), any()); // still the first one only
    }

    @Test
    void theSameKeyWithADifferentBodyIs422AndRunsNothing() throws Exception {
        when(records.claim(any(), any())).thenReturn(new Claim.Taken("another-fingerprint",
                new Outcome(201, "application/json", ITEMS + "/x", new byte[0])));
        mvc.perform(postItem(KEY, VALID))
                .andExpect(status().isUnprocessableContent())
                .andExpect(header().string("Content-Type", MediaType.APPLICATION_PROBLEM_JSON_VALUE))
                .andExpect(jsonPath("$.type").value("https://citadel.dev/problems/idempotency-key-reused"));
        verifyNoInteractions(writes);
    }

    @Test
    void theSameKeyWhileTheFirstRunsIs409WithRetryAfter() throws Exception {
        when(records.claim(any(), any())).thenAnswer(call -> new Claim.Taken(
                call.getArgument(0, IdempotentRequest.class).fingerprint(), null));
        mvc.perform(postItem(KEY, VALID))
                .andExpect(status().isConflict())
                .andExpect(header().string("Retry-After", "1"))
                .andExpect(jsonPath("$.type").value("https://citadel.dev/problems/idempotency-key-in-use"));
        verifyNoInteractions(writes);
    }

    @Test
    void aMalformedKeyIs400AndClaimsNothing() throws Exception {
        for (String bad : new String[] {"", "k".repeat(256), "no spaces"}) {
            mvc.perform(postItem(bad, VALID))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.type").value("https://citadel.dev/problems/invalid-idempotency-key"));
        }
        verifyNoInteractions(records, writes);
    }

    @Test
    void anUnauthorisedRequestNeverClaimsAKey() throws Exception {
        mvc.perform(post(ITEMS).header(IdempotencyKey.HEADER, KEY).contentType(MediaType.APPLICATION_JSON)
                        .content(VALID))
                .andExpect(status().isUnauthorized());
        verifyNoInteractions(records);
    }

    @Test
    void aFailedWriteReleasesTheKeySoTheRetryRunsAgain() throws Exception {
        when(records.claim(any(), any())).thenReturn(new Claim.Won(owner));
        doThrow(new DependencyUnavailableException("cassandra", null)).when(writes).saveItem(any(), any());
        mvc.perform(postItem(KEY, VALID)).andExpect(status().isServiceUnavailable());
        verify(records).release(any(), eq(owner));
        verify(records, never()).complete(any(), any(), any(), any());
    }

    @Test
    void aRefusedRequestReleasesTheKeyInsteadOfRecordingTheRefusal() throws Exception {
        UUID itemId = UUID.randomUUID();
        when(records.claim(any(), any())).thenReturn(new Claim.Won(owner));
        mvc.perform(post(ITEMS + "/" + itemId + "/comments").header(IdempotencyKey.HEADER, KEY)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"authorName\":\"Ann\",\"text\":\"Nice\"}"))
                .andExpect(status().isNotFound());
        verify(records).release(any(), eq(owner));
        verify(records, never()).complete(any(), any(), any(), any());
    }

    @Test
    void anUnknownClaimOutcomeIs503AndRunsNothing() throws Exception {
        when(records.claim(any(), any())).thenThrow(new DependencyUnavailableException("cassandra", null));
        mvc.perform(postItem(KEY, VALID))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "1"));
        verifyNoInteractions(writes);
    }

    @Test
    void anUpdateIsKeyedToo() throws Exception {
        UUID id = UUID.randomUUID();
        when(reads.findItem(id)).thenReturn(Optional.of(new CatalogItem(id, "Old", null, null,
                java.math.BigDecimal.ONE, java.time.Instant.now(), null)));
        when(records.claim(any(), any())).thenReturn(new Claim.Won(owner));
        mvc.perform(put(ITEMS + "/" + id).header("X-API-KEY", WebSliceTest.KEY).header(IdempotencyKey.HEADER, KEY)
                        .contentType(MediaType.APPLICATION_JSON).content(VALID))
                .andExpect(status().isOk());
        verify(records).complete(any(), eq(owner), any(), any());
    }

    @Test
    void anAsyncCommentRecordsTheAcceptedAnswerAndGetsItsIdFromTheKey() throws Exception {
        UUID itemId = UUID.randomUUID();
        when(reads.itemExists(itemId)).thenReturn(true);
        when(records.claim(any(), any())).thenReturn(new Claim.Won(owner));
        mvc.perform(post(ITEMS + "/" + itemId + "/comments").header(IdempotencyKey.HEADER, "\"" + KEY + "\"")
                        .contentType(MediaType.APPLICATION_JSON).content("{\"authorName\":\"Ann\",\"text\":\"Nice\"}"))
                .andExpect(status().isAccepted());
        ArgumentCaptor<IdempotentRequest> keyed = ArgumentCaptor.forClass(IdempotentRequest.class);
        ArgumentCaptor<Outcome> outcome = ArgumentCaptor.forClass(Outcome.class);
        verify(records).complete(keyed.capture(), eq(owner), outcome.capture(), any());
        assertThat(keyed.getValue().scope()).startsWith("public POST ");
        assertThat(outcome.getValue().status()).isEqualTo(202);
        ArgumentCaptor<CatalogEvent> event = ArgumentCaptor.forClass(CatalogEvent.class);
        verify(publisher).publish(event.capture(), any(TraceContext.class));
        assertThat(((CommentAdded) event.getValue()).comment().id()).isEqualTo(keyed.getValue().resourceId());
    }

    private static org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder postItem(String key,
            String body) {
        return post(ITEMS).header("X-API-KEY", WebSliceTest.KEY).header(IdempotencyKey.HEADER, key)
                .contentType(MediaType.APPLICATION_JSON).content(body);
    }
}
