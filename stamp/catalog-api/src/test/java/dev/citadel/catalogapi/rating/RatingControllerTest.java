package dev.citadel.catalogapi.rating;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.AdditionalMatchers.aryEq;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.citadel.catalog.domain.Rating;
import dev.citadel.catalog.domain.RatingSummary;
import dev.citadel.catalog.event.CatalogEvent;
import dev.citadel.catalog.event.RatingAdded;
import dev.citadel.catalog.event.RatingDeleted;
import dev.citadel.catalogapi.events.EventPublisher;
import dev.citadel.catalogapi.idempotency.IdempotencyKey;
import dev.citadel.catalogapi.store.CatalogReads;
import dev.citadel.catalogapi.store.IdempotencyClaims;
import dev.citadel.catalog.store.IdempotencyClaim;
import dev.citadel.catalogapi.idempotency.Fingerprint;
import dev.citadel.catalogapi.web.WebSliceTest;
import java.time.Instant;
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
class RatingControllerTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    CatalogReads reads;
    @Autowired
    EventPublisher publisher;
    @Autowired
    IdempotencyClaims claims;

    private final UUID itemId = UUID.randomUUID();

    private String ratings() {
        return "/api/1.0/catalogitem/" + itemId + "/ratings";
    }

    private void itemExists() {
        when(reads.itemExists(itemId)).thenReturn(true);
    }

    @Test
    void acceptsAVoteWith202AndLocation() throws Exception {
        itemExists();
        var response = mvc.perform(post(ratings()).header("X-TEST-DATA", "TRUE")
                        .contentType(MediaType.APPLICATION_JSON).content("{\"rating\":5}"))
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.rating").value(5))
                .andReturn().getResponse();
        ArgumentCaptor<CatalogEvent> event = ArgumentCaptor.forClass(CatalogEvent.class);
        verify(publisher).publish(event.capture(), any());
        RatingAdded added = (RatingAdded) event.getValue();
        assertThat(added.ttlSeconds()).isEqualTo(30);
        assertThat(response.getHeader("Location")).isEqualTo(ratings() + "/" + added.rating().id());
    }

    @Test
    void aKeyedVoteAlreadyStoredIsReplayedAndAnotherValueUnderItsKeyIs422() throws Exception {
        itemExists();
        UUID id = IdempotencyKey.parse("vote-7").idFor("rating", itemId);
        Instant first = Instant.parse("2026-01-01T00:00:00Z");
        when(reads.findRating(itemId, id)).thenReturn(Optional.of(new Rating(id, itemId, 4, first)));

        mvc.perform(post(ratings()).header("Idempotency-Key", "vote-7").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"rating\":4}"))
                .andExpect(status().isAccepted())
                .andExpect(header().string("Location", ratings() + "/" + id))
                .andExpect(jsonPath("$.creationDate").value("2026-01-01T00:00:00Z"));
        mvc.perform(post(ratings()).header("Idempotency-Key", "vote-7").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"rating\":1}"))
                .andExpect(status().is(422))
                .andExpect(jsonPath("$.type").value("https://citadel.dev/problems/idempotency-key-reused"));
        mvc.perform(post(ratings()).header("Idempotency-Key", "bad key").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"rating\":4}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("https://citadel.dev/problems/invalid-idempotency-key"));
        verifyNoInteractions(publisher);
    }

    @Test
    void aKeyedVoteNotYetStoredIsPublishedUnderTheIdOfItsKey() throws Exception {
        itemExists();
        UUID id = IdempotencyKey.parse("vote-7").idFor("rating", itemId);
        when(claims.claim(eq(id), aryEq(Fingerprint.ofRating(4)))).thenReturn(new IdempotencyClaim(
                IdempotencyClaim.Outcome.CLAIMED, IdempotencyClaim.Scope.ALL_DATA_CENTRES));
        mvc.perform(post(ratings()).header("Idempotency-Key", "vote-7").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"rating\":4}"))
                .andExpect(status().isAccepted())
                .andExpect(header().string("Location", ratings() + "/" + id));
        // Another value under that key, racing on another stamp before the first is stored: it lost the claim.
        when(claims.claim(eq(id), aryEq(Fingerprint.ofRating(1)))).thenReturn(new IdempotencyClaim(
                IdempotencyClaim.Outcome.OTHER_REQUEST, IdempotencyClaim.Scope.ALL_DATA_CENTRES));
        mvc.perform(post(ratings()).header("Idempotency-Key", "vote-7").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"rating\":1}"))
                .andExpect(status().is(422));
        ArgumentCaptor<CatalogEvent> event = ArgumentCaptor.forClass(CatalogEvent.class);
        verify(publisher).publish(event.capture(), any());
        assertThat(((RatingAdded) event.getValue()).rating().id()).isEqualTo(id);
    }

    @Test
    void refusesRatingsOutside1To5() throws Exception {
        for (String body : new String[] {"{\"rating\":0}", "{\"rating\":6}", "{\"rating\":null}", "{}"}) {
            mvc.perform(post(ratings()).contentType(MediaType.APPLICATION_JSON).content(body))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.type").value("https://citadel.dev/problems/validation-failed"))
                    .andExpect(jsonPath("$.violations[0].field").value("rating"));
        }
        verifyNoInteractions(publisher);
    }

    @Test
    void refusesAFractionalOrTextualRating() throws Exception {
        for (String body : new String[] {"{\"rating\":3.5}", "{\"rating\":\"five\"}"}) {
            mvc.perform(post(ratings()).contentType(MediaType.APPLICATION_JSON).content(body))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.type").value("https://citadel.dev/problems/malformed-request"));
        }
        verifyNoInteractions(publisher);
    }

    @Test
    void answers404ForAVoteOnAMissingItem() throws Exception {
        when(reads.itemExists(itemId)).thenReturn(false);
        mvc.perform(post(ratings()).contentType(MediaType.APPLICATION_JSON).content("{\"rating\":3}"))
                .andExpect(status().isNotFound());
        verifyNoInteractions(publisher);
    }

    @Test
    void returnsTheSummaryComputedByTheStore() throws Exception {
        itemExists();
        when(reads.ratingSummary(itemId)).thenReturn(new RatingSummary(3.5, 4));
        mvc.perform(get(ratings()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.averageRating").value(3.5))
                .andExpect(jsonPath("$.numberOfVotes").value(4));
    }

    @Test
    void returnsOneVoteOr404() throws Exception {
        UUID rid = UUID.randomUUID();
        when(reads.findRating(itemId, rid)).thenReturn(Optional.of(new Rating(rid, itemId, 4, Instant.now())));
        mvc.perform(get(ratings() + "/" + rid)).andExpect(status().isOk()).andExpect(jsonPath("$.rating").value(4));
        mvc.perform(get(ratings() + "/" + UUID.randomUUID()))
                .andExpect(status().isNotFound())
                .andExpect(header().string("Content-Type", "application/problem+json"));
    }

    @Test
    void deletingAVoteNeedsTheApiKey() throws Exception {
        UUID rid = UUID.randomUUID();
        mvc.perform(delete(ratings() + "/" + rid).header("X-API-KEY", "wrong")).andExpect(status().isUnauthorized());
        verifyNoInteractions(publisher);
        mvc.perform(delete(ratings() + "/" + rid).header("X-API-KEY", WebSliceTest.ROTATED_KEY))
                .andExpect(status().isAccepted());
        ArgumentCaptor<CatalogEvent> event = ArgumentCaptor.forClass(CatalogEvent.class);
        verify(publisher).publish(event.capture(), any());
        assertThat(event.getValue()).isInstanceOf(RatingDeleted.class);
    }
}
