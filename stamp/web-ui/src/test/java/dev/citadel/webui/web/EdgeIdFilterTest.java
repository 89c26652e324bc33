package dev.citadel.webui.web;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;

@SpringBootTest(properties = {
        "citadel.edge.id=edge-7f3a",
        "citadel.edge.id-header=X-Azure-FDID",
        // Management shares the port here and MockMvc has no TLS: let the management filter pass plaintext.
        "citadel.management.plaintext-allowed=true"})
@AutoConfigureMockMvc
class EdgeIdFilterTest {

    @Autowired
    MockMvc mvc;

    @Test
    void refusesRequestsWithoutTheEdgeIdWithA403ProblemThatIsNotCached() throws Exception {
        for (String path : new String[] {"/", "/ops.html", "/config.js"}) {
            mvc.perform(get(path))
                    .andExpect(status().isForbidden())
                    .andExpect(header().string("Content-Type", "application/problem+json"))
                    .andExpect(header().string("Cache-Control", "no-store"))
                    .andExpect(jsonPath("$.type").value("https://citadel.dev/problems/edge-forbidden"))
                    .andExpect(jsonPath("$.status").value(403));
        }
    }

    @Test
    void refusesAWrongEdgeIdAndTheRightValueUnderAnotherHeader() throws Exception {
        mvc.perform(get("/").header("X-Azure-FDID", "edge-7f3b")).andExpect(status().isForbidden());
        mvc.perform(get("/").header("X-Edge-Id", "edge-7f3a")).andExpect(status().isForbidden());
    }

    @Test
    void letsTheEdgeThrough() throws Exception {
        mvc.perform(get("/").header("X-Azure-FDID", "edge-7f3a")).andExpect(status().isOk());
        mvc.perform(get("/config.js").header("X-Azure-FDID", "edge-7f3a")).andExpect(status().isOk());
    }

    @Test
    void exemptsActuatorWhichLivesOnTheManagementPort() throws Exception {
        mvc.perform(get("/actuator/health")).andExpect(status().isOk());
    }
}
