package dev.citadel.catalogapi.image;

import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.citadel.catalog.domain.StoredImage;
import dev.citadel.catalogapi.store.CatalogReads;
import dev.citadel.catalogapi.web.WebSliceTest;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

@WebSliceTest
class ImageControllerTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    CatalogReads reads;

    private final byte[] png = {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3};
    private final StoredImage image = StoredImage.of(UUID.randomUUID(), "image/png", png);

    @Test
    void servesTheBytesWithContentTypeETagAndCacheControl() throws Exception {
        when(reads.findImage(image.id())).thenReturn(Optional.of(image));
        mvc.perform(get("/images/" + image.id()))
                .andExpect(status().isOk())
                .andExpect(content().contentType("image/png"))
                .andExpect(content().bytes(png))
                .andExpect(header().string("ETag", image.etag()))
                .andExpect(header().string("Cache-Control", "max-age=86400, public"))
                .andExpect(header().string("X-Content-Type-Options", "nosniff"));
    }

    @Test
    void answers304WhenTheClientHasTheCurrentVersion() throws Exception {
        when(reads.findImage(image.id())).thenReturn(Optional.of(image));
        mvc.perform(get("/images/" + image.id()).header("If-None-Match", "\"other\", " + image.etag()))
                .andExpect(status().isNotModified())
                .andExpect(header().string("ETag", image.etag()))
                .andExpect(content().bytes(new byte[0]));
        mvc.perform(get("/images/" + image.id()).header("If-None-Match", "\"stale\""))
                .andExpect(status().isOk());
    }

    @Test
    void answers404ProblemForAMissingImage() throws Exception {
        UUID id = UUID.randomUUID();
        when(reads.findImage(id)).thenReturn(Optional.empty());
        mvc.perform(get("/images/" + id).header("Accept", "image/*"))
                .andExpect(status().isNotFound())
                .andExpect(header().string("Content-Type", "application/problem+json"))
                .andExpect(jsonPath("$.type").value("https://citadel.dev/problems/not-found"));
    }
}
