package dev.citadel.catalogapi.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;

import dev.citadel.catalogapi.config.CatalogApiProperties;
import dev.citadel.catalogapi.problem.PayloadTooLargeException;
import jakarta.servlet.FilterChain;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.util.unit.DataSize;
import org.springframework.web.servlet.HandlerExceptionResolver;

/** The streamed (chunked, no Content-Length) case, which MockMvc cannot produce. */
class RequestSizeFilterTest {

    private final RequestSizeFilter filter = new RequestSizeFilter(new CatalogApiProperties("r", "s", null, null, null,
            null, new CatalogApiProperties.Limits(DataSize.ofBytes(100), 1,
            java.time.Duration.ofSeconds(4))), mock(HandlerExceptionResolver.class));

    /** A request whose length is not declared, as with Transfer-Encoding: chunked. */
    private static MockHttpServletRequest chunked(int bytes) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/1.0/catalogitem") {
            @Override
            public long getContentLengthLong() {
                return -1;
            }

            @Override
            public int getContentLength() {
                return -1;
            }
        };
        request.setContent(new byte[bytes]);
        return request;
    }

    @Test
    void failsTheReadOnceAnUndeclaredBodyPassesTheLimit() {
        FilterChain readsAll = (req, res) -> req.getInputStream().readAllBytes();
        assertThatThrownBy(() -> filter.doFilter(chunked(101), new MockHttpServletResponse(), readsAll))
                .isInstanceOf(PayloadTooLargeException.class);
    }

    @Test
    void passesAnUndeclaredBodyWithinTheLimit() throws Exception {
        AtomicReference<Integer> read = new AtomicReference<>();
        FilterChain readsAll = (req, res) -> read.set(req.getInputStream().readAllBytes().length);
        filter.doFilter(chunked(100), new MockHttpServletResponse(), readsAll);
        assertThat(read.get()).isEqualTo(100);
    }

    @Test
    void refusesADeclaredOversizedBodyWithoutReadingIt() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/1.0/catalogitem");
        request.setContent(new byte[101]);
        AtomicReference<Boolean> called = new AtomicReference<>(false);
        filter.doFilter(request, new MockHttpServletResponse(), (req, res) -> called.set(true));
        assertThat(called.get()).isFalse();
    }
}
