package dev.citadel.catalogapi.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class FaultInjectionFilterTest {

    @Test
    void servesTheFirstRequestsThenAnswers503OnTheApiOnly() throws Exception {
        FaultInjectionFilter filter = new FaultInjectionFilter(2);
        AtomicInteger passed = new AtomicInteger();
        int[] statuses = new int[4];
        for (int i = 0; i < 4; i++) {
            MockHttpServletResponse response = new MockHttpServletResponse();
            filter.doFilter(new MockHttpServletRequest("GET", "/api/1.0/catalogitem"), response,
                    (req, res) -> passed.incrementAndGet());
            statuses[i] = response.getStatus();
            if (i >= 2) {
                assertThat(response.getContentAsString()).contains(FaultInjectionFilter.TYPE);
                assertThat(response.getHeader("Retry-After")).isEqualTo("1");
            }
        }
        assertThat(statuses).containsExactly(200, 200, 503, 503);
        assertThat(passed).hasValue(2);
        MockHttpServletResponse other = new MockHttpServletResponse();
        filter.doFilter(new MockHttpServletRequest("GET", "/images/x"), other, (req, res) -> passed.incrementAndGet());
        assertThat(other.getStatus()).isEqualTo(200);
        assertThat(passed).hasValue(3);
    }
}
