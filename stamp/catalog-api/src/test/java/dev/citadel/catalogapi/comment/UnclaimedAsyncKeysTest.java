package dev.citadel.catalogapi.comment;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.citadel.catalogapi.events.EventPublisher;
import dev.citadel.catalogapi.store.CatalogReads;
import dev.citadel.catalogapi.store.IdempotencyClaims;
import dev.citadel.catalogapi.web.WebSliceTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/** By default a keyed comment or vote is accepted without a claim: the async path needs no other data centre. */
@WebSliceTest
class UnclaimedAsyncKeysTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    CatalogReads reads;
    @Autowired
    EventPublisher publisher;
    @Autowired
    IdempotencyClaims claims;

    @Test
    void aKeyedCommentAndVoteNotYetStoredArePublishedWithoutAClaim() throws Exception {
        UUID itemId = UUID.randomUUID();
        when(reads.itemExists(itemId)).thenReturn(true);
        String item = "/api/1.0/catalogitem/" + itemId;

        mvc.perform(post(item + "/comments").header("Idempotency-Key", "c-1").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"authorName\":\"Ann\",\"text\":\"hi\"}"))
                .andExpect(status().isAccepted());
        mvc.perform(post(item + "/ratings").header("Idempotency-Key", "r-1").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"rating\":3}"))
                .andExpect(status().isAccepted());

        verify(publisher, org.mockito.Mockito.times(2)).publish(any(), any());
        verifyNoInteractions(claims);
    }
}
