package dev.citadel.catalogapi.web;

import dev.citadel.catalogapi.config.CatalogApiProperties;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.MDC;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Sets {@code X-Server-Name}, {@code X-Server-Location} and {@code X-Correlation-ID} on every response before anything
 * else can fail, so error responses carry them too. The correlation id is the W3C trace id: taken from the tracer's
 * current span when tracing runs (it already continued the request's {@code traceparent}), else from the
 * {@code traceparent} header, else a new trace.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10) // after Boot's ServerHttpObservationFilter, which opens the server span
public class CorrelationFilter extends OncePerRequestFilter {

    public static final String SERVER_NAME = "X-Server-Name";
    public static final String SERVER_LOCATION = "X-Server-Location";
    public static final String CORRELATION_ID = "X-Correlation-ID";
    public static final String TRACEPARENT = "traceparent";
    static final String MDC_KEY = "correlationId";

    private final CatalogApiProperties properties;
    private final ObjectProvider<Tracer> tracer;
    /** The resolved tracer: ObjectProvider resolves the dependency anew on every call, a per-request bean lookup. */
    private volatile Tracer resolvedTracer;

    public CorrelationFilter(CatalogApiProperties properties, ObjectProvider<Tracer> tracer) {
        this.properties = properties;
        this.tracer = tracer;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        TraceContext trace = currentTrace(request);
        request.setAttribute(TraceContext.ATTRIBUTE, trace);
        response.setHeader(SERVER_NAME, properties.serverName());
        response.setHeader(SERVER_LOCATION, properties.region());
        response.setHeader(CORRELATION_ID, trace.traceId());
        MDC.put(MDC_KEY, trace.traceId());
        try {
            chain.doFilter(request, response);
        } finally {
            MDC.remove(MDC_KEY);
        }
    }

    private TraceContext currentTrace(HttpServletRequest request) {
        Tracer t = tracer();
        Span span = t == null ? null : t.currentSpan();
        if (span != null && !span.isNoop() && !span.context().traceId().isBlank()) {
            Boolean sampled = span.context().sampled();
            return TraceContext.of(span.context().traceId(), span.context().spanId(), Boolean.TRUE.equals(sampled));
        }
        return TraceContext.parse(request.getHeader(TRACEPARENT)).orElseGet(TraceContext::newRoot);
    }

    private Tracer tracer() {
        Tracer t = resolvedTracer;
        if (t == null) {
            t = tracer.getIfAvailable();
            resolvedTracer = t;
        }
        return t;
    }

    /** The trace of the request being served (set by this filter; a new one if the filter did not run). */
    public static TraceContext traceOf(HttpServletRequest request) {
        Object t = request.getAttribute(TraceContext.ATTRIBUTE);
        return t instanceof TraceContext tc ? tc : TraceContext.newRoot();
    }
}
