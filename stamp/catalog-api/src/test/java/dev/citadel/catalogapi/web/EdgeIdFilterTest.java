package dev.citadel.catalogapi.web;

import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.citadel.catalogapi.store.CatalogReads;
import dev.citadel.catalogapi.store.Page;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

@WebSliceTest
@TestPropertySource(properties = {
        "citadel.edge.id=edge-7f3a",
        "citadel.edge.id-header=X-Azure-FDID"})
class EdgeIdFilterTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    CatalogReads reads;

    @Test
    void refusesRequestsWithoutTheEdgeIdWith403Problem() throws Exception {
        mvc.perform(get("/api/1.0/catalogitem"))
                .andExpect(status().isForbidden())
                .andExpect(header().string("Content-Type", "application/problem+json"))
                .andExpect(header().string("X-Server-Name", "api-test-1"))
                .andExpect(header().exists("X-Correlation-ID"))
                .andExpect(jsonPath("$.type").value("https://citadel.dev/problems/edge-forbidden"))
                .andExpect(jsonPath("$.correlationId").isNotEmpty());
        verifyNoInteractions(reads);
    }

    @Test
    void refusesAWrongEdgeIdAndTheRightValueUnderAnotherHeader() throws Exception {
        mvc.perform(get("/api/1.0/catalogitem").header("X-Azure-FDID", "edge-7f3b")).andExpect(status().isForbidden());
        mvc.perform(get("/api/1.0/catalogitem").header("X-Edge-Id", "edge-7f3a")).andExpect(status().isForbidden());
        verifyNoInteractions(reads);
    }

    @Test
    void letsTheEdgeThrough() throws Exception {
        when(reads.listItems(100, null)).thenReturn(new Page<>(List.of(), null));
        mvc.perform(get("/api/1.0/catalogitem").header("X-Azure-FDID", "edge-7f3a")).andExpect(status().isOk());
    }
}
