package dev.citadel.catalogapi.web;

import dev.citadel.servicedefaults.trace.TraceContext;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.citadel.catalogapi.events.EventPublisher;
import dev.citadel.catalogapi.store.CatalogReads;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

@WebSliceTest
class ResponseHeadersTest {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String TRACEPARENT = "00-" + TRACE_ID + "-00f067aa0ba902b7-01";

    @Autowired
    MockMvc mvc;
    @Autowired
    CatalogReads reads;
    @Autowired
    EventPublisher publisher;

    private static void hasServerHeaders(ResultActions result) throws Exception {
        result.andExpect(header().string("X-Server-Name", "api-test-1"))
                .andExpect(header().string("X-Server-Location", "test-region"))
                .andExpect(header().string("X-Correlation-ID", org.hamcrest.Matchers.matchesPattern("[0-9a-f]{32}")));
    }

    @Test
    void everyResponseCarriesServerAndCorrelationHeadersErrorsToo() throws Exception {
        UUID id = UUID.randomUUID();
        when(reads.findItem(id)).thenReturn(Optional.empty());
        hasServerHeaders(mvc.perform(get("/api/1.0/catalogitem/" + id)).andExpect(status().isNotFound()));
        hasServerHeaders(mvc.perform(get("/api/9/catalogitem")).andExpect(status().isBadRequest()));
        hasServerHeaders(mvc.perform(get("/no/such/path")).andExpect(status().isNotFound()));
        hasServerHeaders(mvc.perform(post("/api/1.0/catalogitem").contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isUnauthorized()));
        hasServerHeaders(mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                .patch("/api/1.0/catalogitem")).andExpect(status().isMethodNotAllowed()));
    }

    @Test
    void theCorrelationIdIsTheIncomingTraceIdAndTheProblemCarriesIt() throws Exception {
        UUID id = UUID.randomUUID();
        when(reads.findItem(id)).thenReturn(Optional.empty());
        mvc.perform(get("/api/1.0/catalogitem/" + id).header("traceparent", TRACEPARENT))
                .andExpect(header().string("X-Correlation-ID", TRACE_ID))
                .andExpect(jsonPath("$.correlationId").value(TRACE_ID));
    }

    @Test
    void aMalformedTraceparentStartsANewTrace() throws Exception {
        UUID id = UUID.randomUUID();
        when(reads.findItem(id)).thenReturn(Optional.empty());
        String correlation = mvc.perform(get("/api/1.0/catalogitem/" + id).header("traceparent", "garbage"))
                .andReturn().getResponse().getHeader("X-Correlation-ID");
        assertThat(correlation).matches("[0-9a-f]{32}").isNotEqualTo("0".repeat(32));
    }

    @Test
    void theTraceContinuesIntoThePublishedEvent() throws Exception {
        UUID id = UUID.randomUUID();
        when(reads.itemExists(id)).thenReturn(true);
        mvc.perform(post("/api/1.0/catalogitem/" + id + "/ratings").header("traceparent", TRACEPARENT)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"rating\":2}"))
                .andExpect(status().isAccepted());
        ArgumentCaptor<TraceContext> trace = ArgumentCaptor.forClass(TraceContext.class);
        verify(publisher).publish(any(), trace.capture());
        assertThat(trace.getValue().traceId()).isEqualTo(TRACE_ID);
        assertThat(trace.getValue().spanId()).isNotEqualTo("00f067aa0ba902b7");
        assertThat(trace.getValue().toTraceparent()).startsWith("00-" + TRACE_ID + "-").endsWith("-01");
    }
}
