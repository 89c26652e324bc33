package dev.citadel.servicedefaults.edge;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.citadel.platform.pki.Secret;
import dev.citadel.servicedefaults.Certificates;
import dev.citadel.servicedefaults.ServiceDefaultsProperties;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The public port: only the edge's certificate CN, and only with the edge's id in the header. */
class EdgeFiltersTest {

    @TempDir
    static Path dir;
    static Certificates edgeCa;

    @RestController
    static class Api {
        @GetMapping({"/api/thing", "/actuator/health"})
        String thing() {
            return "thing";
        }
    }

    @BeforeAll
    static void issue() {
        edgeCa = new Certificates(dir.resolve("edge-ca"));
    }

    private static MockMvc port(String edgeId) {
        ServiceDefaultsProperties.Edge edge = new ServiceDefaultsProperties.Edge("X-Azure-FDID",
                edgeId == null ? null : Secret.of(edgeId), List.of("edge"), null);
        return MockMvcBuilders.standaloneSetup(new Api())
                .addFilters(new EdgeClientFilter(edge, "/actuator"), new EdgeIdFilter(edge, "/actuator"))
                .build();
    }

    @Test
    void theEdgeWithItsIdIsServed() throws Exception {
        port("edge-7f3a").perform(get("/api/thing").header("X-Azure-FDID", "edge-7f3a").with(edgeCa.as("edge")))
                .andExpect(status().isOk());
    }

    @Test
    void anotherHolderOfTheEdgeCaIsRefusedEvenWithTheRightId() throws Exception {
        port("edge-7f3a").perform(get("/api/thing").header("X-Azure-FDID", "edge-7f3a").with(edgeCa.as("edge-client")))
                .andExpect(status().isForbidden())
                .andExpect(content().contentType("application/problem+json"))
                .andExpect(header().string("Cache-Control", "no-store"))
                .andExpect(jsonPath("$.type").value("https://citadel.dev/problems/edge-forbidden"));
        port(null).perform(get("/api/thing").with(edgeCa.as("scraper.region1"))).andExpect(status().isForbidden());
    }

    @Test
    void aTlsRequestWithoutClientCertificateIsRefused() throws Exception {
        port(null).perform(get("/api/thing").with(Certificates.tlsWithoutCertificate()))
                .andExpect(status().isForbidden());
    }

    @Test
    void theEdgeWithAWrongOrMissingIdIsRefused() throws Exception {
        MockMvc mvc = port("edge-7f3a");
        mvc.perform(get("/api/thing").header("X-Azure-FDID", "edge-7f3b").with(edgeCa.as("edge")))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.type").value("https://citadel.dev/problems/edge-forbidden"));
        mvc.perform(get("/api/thing").header("X-Edge-Id", "edge-7f3a").with(edgeCa.as("edge")))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/thing").with(edgeCa.as("edge"))).andExpect(status().isForbidden());
    }

    @Test
    void withoutAConfiguredIdAPlaintextRequestIsServed() throws Exception {
        port(null).perform(get("/api/thing")).andExpect(status().isOk());
        port("").perform(get("/api/thing")).andExpect(status().isOk());
    }

    @Test
    void managementPathsAreLeftToTheManagementFilter() throws Exception {
        port("edge-7f3a").perform(get("/actuator/health").with(edgeCa.as("operator"))).andExpect(status().isOk());
    }
}
