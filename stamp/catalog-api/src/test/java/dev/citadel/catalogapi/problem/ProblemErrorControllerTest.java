package dev.citadel.catalogapi.problem;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.citadel.catalogapi.web.WebSliceTest;
import jakarta.servlet.RequestDispatcher;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/** Errors the container dispatches to /error (raised outside Spring MVC) come back as problem+json, never HTML. */
@WebSliceTest
class ProblemErrorControllerTest {

    @Autowired
    MockMvc mvc;

    @Test
    void answersAContainerErrorAsProblemJson() throws Exception {
        mvc.perform(get("/error").requestAttr(RequestDispatcher.ERROR_STATUS_CODE, 408)
                        .requestAttr(RequestDispatcher.ERROR_REQUEST_URI, "/api/1.0/<script>")
                        .header("Accept", "text/html"))
                .andExpect(status().is(408))
                .andExpect(header().string("Content-Type", "application/problem+json"))
                .andExpect(jsonPath("$.type").value("https://citadel.dev/problems/http-error"))
                .andExpect(jsonPath("$.instance").value("/api/1.0/_script_"))
                .andExpect(content().string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("<html"))));
    }

    @Test
    void aContainer503CarriesRetryAfterAndAnUnknownStatusBecomes500() throws Exception {
        mvc.perform(get("/error").requestAttr(RequestDispatcher.ERROR_STATUS_CODE, 503))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "1"));
        mvc.perform(get("/error"))
                .andExpect(status().isInternalServerError())
                .andExpect(jsonPath("$.type").value("https://citadel.dev/problems/internal-error"));
    }
}
