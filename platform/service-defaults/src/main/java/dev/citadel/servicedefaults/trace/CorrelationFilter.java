package dev.citadel.servicedefaults.trace;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.MDC;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Sets {@code X-Correlation-ID} on every response before anything else can fail, so error responses carry it too.
 * The correlation id is the W3C trace id: the tracer's current span when tracing runs (it already continued the
 * request's {@code traceparent}), else the {@code traceparent} header, else a new trace. The context is kept as a
 * request attribute ({@link #traceOf}) for downstream hops (Kafka record headers) and problem bodies.
 */
public class CorrelationFilter extends OncePerRequestFilter {

    public static final String CORRELATION_ID = "X-Correlation-ID";
    public static final String TRACEPARENT = "traceparent";
    public static final String MDC_KEY = "correlationId";
    /** After Boot's ServerHttpObservationFilter, which opens the server span. */
    public static final int ORDER = org.springframework.core.Ordered.HIGHEST_PRECEDENCE + 10;

    private final ObjectProvider<CurrentSpan> spans;
    /** Resolved once: ObjectProvider looks the bean up anew on every call, a per-request bean lookup. */
    private volatile CurrentSpan resolved;

    public CorrelationFilter(ObjectProvider<CurrentSpan> spans) {
        this.spans = spans;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        TraceContext trace = currentTrace(request);
        request.setAttribute(TraceContext.ATTRIBUTE, trace);
        response.setHeader(CORRELATION_ID, trace.traceId());
        MDC.put(MDC_KEY, trace.traceId());
        try {
            chain.doFilter(request, response);
        } finally {
            MDC.remove(MDC_KEY);
        }
    }

    private TraceContext currentTrace(HttpServletRequest request) {
        CurrentSpan span = resolved;
        if (span == null) {
            span = spans.getIfAvailable(() -> java.util.Optional::empty);
            resolved = span;
        }
        return span.get()
                .or(() -> TraceContext.parse(request.getHeader(TRACEPARENT)))
                .orElseGet(TraceContext::newRoot);
    }

    /** The trace of the request being served (set by this filter; a new one if the filter did not run). */
    public static TraceContext traceOf(HttpServletRequest request) {
        Object t = request.getAttribute(TraceContext.ATTRIBUTE);
        return t instanceof TraceContext tc ? tc : TraceContext.newRoot();
    }
}
