package dev.citadel.servicedefaults.management;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.citadel.servicedefaults.Certificates;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** The management port's authorisation by the client certificate's CN, on a separate port (every path judged). */
class ManagementAccessFilterTest {

    @TempDir
    static Path dir;
    static Certificates certificates;

    @RestController
    static class Actuator {
        @GetMapping({"/actuator/prometheus", "/actuator/health", "/actuator/health/readiness",
                "/actuator/health/liveness", "/actuator/rotation", "/actuator/env"})
        String read() {
            return "ok";
        }

        @PostMapping("/actuator/rotation")
        String flip() {
            return "flipped";
        }
    }

    @BeforeAll
    static void issue() {
        certificates = new Certificates(dir.resolve("operator-ca"));
    }

    private static MockMvc port(boolean plaintextAllowed) {
        return MockMvcBuilders.standaloneSetup(new Actuator())
                .addFilters(new ManagementAccessFilter(List.of("operator"), List.of("scraper.region1"),
                        plaintextAllowed, "/actuator", true))
                .build();
    }

    @Test
    void theOwnRegionsScraperReadsPrometheusAndHealth() throws Exception {
        MockMvc mvc = port(false);
        mvc.perform(get("/actuator/prometheus").with(certificates.as("scraper.region1"))).andExpect(status().isOk());
        mvc.perform(get("/actuator/health").with(certificates.as("scraper.region1"))).andExpect(status().isOk());
        mvc.perform(get("/actuator/health/readiness").with(certificates.as("scraper.region1")))
                .andExpect(status().isOk());
    }

    @Test
    void theScraperIsRefusedTheRotationSwitchWithAProblem() throws Exception {
        MockMvc mvc = port(false);
        mvc.perform(post("/actuator/rotation").content("{\"state\":\"out\"}").with(certificates.as("scraper.region1")))
                .andExpect(status().isForbidden())
                .andExpect(content().contentType("application/problem+json"))
                .andExpect(jsonPath("$.type").value("https://citadel.dev/problems/management-forbidden"))
                .andExpect(jsonPath("$.status").value(403))
                .andExpect(jsonPath("$.correlationId").isNotEmpty());
        mvc.perform(get("/actuator/rotation").with(certificates.as("scraper.region1")))
                .andExpect(status().isForbidden());
        mvc.perform(get("/actuator/env").with(certificates.as("scraper.region1"))).andExpect(status().isForbidden());
    }

    @Test
    void theScraperMayNotWriteEvenToItsOwnEndpointsNorSneakAroundThem() throws Exception {
        MockMvc mvc = port(false);
        mvc.perform(post("/actuator/health").with(certificates.as("scraper.region1")))
                .andExpect(status().isForbidden());
        mvc.perform(get("/actuator/prometheusX").with(certificates.as("scraper.region1")))
                .andExpect(status().isForbidden());
        mvc.perform(get("/actuator/health/../rotation").with(certificates.as("scraper.region1")))
                .andExpect(status().isForbidden());
    }

    @Test
    void theOperatorMayDoEverything() throws Exception {
        MockMvc mvc = port(false);
        mvc.perform(post("/actuator/rotation").content("{}").with(certificates.as("operator")))
                .andExpect(status().isOk())
                .andExpect(content().string("flipped"));
        mvc.perform(get("/actuator/env").with(certificates.as("operator"))).andExpect(status().isOk());
        mvc.perform(get("/actuator/prometheus").with(certificates.as("operator"))).andExpect(status().isOk());
    }

    @Test
    void anotherRegionsScraperIsRefusedEverything() throws Exception {
        MockMvc mvc = port(false);
        mvc.perform(get("/actuator/prometheus").with(certificates.as("scraper.region2")))
                .andExpect(status().isForbidden());
        mvc.perform(post("/actuator/rotation").content("{}").with(certificates.as("scraper.region2")))
                .andExpect(status().isForbidden());
    }

    @Test
    void theEdgeAndUnknownNamesAreRefused() throws Exception {
        MockMvc mvc = port(false);
        mvc.perform(get("/actuator/health").with(certificates.as("edge"))).andExpect(status().isForbidden());
        mvc.perform(get("/actuator/health").with(certificates.as("operator2"))).andExpect(status().isForbidden());
    }

    @Test
    void aTlsRequestWithoutCertificateIsRefusedEvenWhenPlaintextIsAllowed() throws Exception {
        mvcExpectForbidden(port(true));
        mvcExpectForbidden(port(false));
    }

    private static void mvcExpectForbidden(MockMvc mvc) throws Exception {
        mvc.perform(get("/actuator/health").with(Certificates.tlsWithoutCertificate()))
                .andExpect(status().isForbidden());
    }

    @Test
    void withAnonymousProbesACertificateLessGetOfExactlyTheLivenessAndReadinessGroupsPasses() throws Exception {
        MockMvc closed = port(false);
        closed.perform(get("/actuator/health/readiness").with(Certificates.tlsWithoutCertificate()))
                .andExpect(status().isForbidden());
        MockMvc probes = MockMvcBuilders.standaloneSetup(new Actuator())
                .addFilters(new ManagementAccessFilter(List.of("operator"), List.of("scraper.region1"), false, true,
                        "/actuator", true))
                .build();
        probes.perform(get("/actuator/health/readiness").with(Certificates.tlsWithoutCertificate()))
                .andExpect(status().isOk());
        probes.perform(get("/actuator/health/liveness").with(Certificates.tlsWithoutCertificate()))
                .andExpect(status().isOk());
        for (String other : List.of("/actuator/health", "/actuator/prometheus", "/actuator/rotation", "/actuator/env",
                "/actuator/health/readiness/x", "/actuator/health/../rotation")) {
            probes.perform(get(other).with(Certificates.tlsWithoutCertificate())).andExpect(status().isForbidden());
        }
        probes.perform(post("/actuator/health/readiness").with(Certificates.tlsWithoutCertificate()))
                .andExpect(status().isForbidden());
        // A certificate still decides by its name: the edge's is not the kubelet's missing one.
        probes.perform(get("/actuator/health/readiness").with(certificates.as("edge"))).andExpect(status().isForbidden());
    }

    @Test
    void aPlaintextRequestIsRefusedUnlessPlaintextIsAllowed() throws Exception {
        port(false).perform(get("/actuator/health")).andExpect(status().isForbidden());
        port(true).perform(get("/actuator/health")).andExpect(status().isOk());
    }

    @Test
    void onASharedPortOnlyActuatorPathsAreJudged() throws Exception {
        MockMvc mvc = MockMvcBuilders.standaloneSetup(new Actuator(), new Api())
                .addFilters(new ManagementAccessFilter(List.of("operator"), List.of("scraper.region1"), false,
                        "/actuator", false))
                .build();
        mvc.perform(get("/api/thing")).andExpect(status().isOk());
        mvc.perform(get("/actuator/health")).andExpect(status().isForbidden());
    }

    @RestController
    static class Api {
        @GetMapping("/api/thing")
        String thing() {
            return "thing";
        }
    }
}
