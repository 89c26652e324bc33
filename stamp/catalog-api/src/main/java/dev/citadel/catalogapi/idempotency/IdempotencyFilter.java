package dev.citadel.catalogapi.idempotency;

import dev.citadel.catalog.store.IdempotencyStore.Outcome;
import dev.citadel.catalog.store.RequestDeadline;
import dev.citadel.catalogapi.config.CatalogApiProperties;
import dev.citadel.catalogapi.problem.ApiProblemException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Every API write runs under {@code limits.write-deadline} ({@link RequestDeadline}), so catalog-api answers before the
 * edge's per-try timeout and never starts a write it could not report. A create/update carrying
 * {@code Idempotency-Key} also has its body buffered (the key's fingerprint needs it before the handler runs) and its
 * response captured: when {@link IdempotencyInterceptor} won the key, a success (2xx) is recorded for replay; any
 * other answer releases the key, so the client's retry runs again. That is safe because a refusal (4xx) wrote
 * nothing, and after a 5xx whose write may still land (a timeout) the retry writes the same ids: an unknown outcome
 * cannot become a duplicate. Refusals are not replayed because they can change: a comment on an item that has not
 * replicated to this region yet is a 404 now and a 202 a moment later (as in Stripe's API).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 40)
public class IdempotencyFilter extends OncePerRequestFilter {

    /** Creates and updates: the methods a key is honoured on (DELETE is idempotent by itself). */
    static final Set<String> KEYED_METHODS = Set.of("POST", "PUT", "PATCH");
    static final Set<String> WRITE_METHODS = Set.of("POST", "PUT", "PATCH", "DELETE");
    static final String BODY = IdempotencyFilter.class.getName() + ".body";
    private static final Logger LOG = LoggerFactory.getLogger(IdempotencyFilter.class);

    private final IdempotencyRecords records;
    private final Duration writeDeadline;
    private final Duration recordTimeout;
    private final Duration ttl;
    private final HandlerExceptionResolver resolver;

    public IdempotencyFilter(CatalogApiProperties properties, IdempotencyRecords records,
            @Qualifier("handlerExceptionResolver") HandlerExceptionResolver resolver) {
        this.records = records;
        this.writeDeadline = properties.limits().writeDeadline();
        this.recordTimeout = properties.idempotency().recordTimeout();
        this.ttl = properties.idempotency().ttl();
        this.resolver = resolver;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/api/") || !WRITE_METHODS.contains(request.getMethod());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getHeader(IdempotencyKey.HEADER) == null || !KEYED_METHODS.contains(request.getMethod())) {
            try (RequestDeadline deadline = RequestDeadline.open(writeDeadline)) {
                chain.doFilter(request, response);
            }
            return;
        }
        byte[] body;
        try {
            body = request.getInputStream().readAllBytes();
        } catch (ApiProblemException e) { // the size filter's 413, raised while reading
            resolver.resolveException(request, response, null, e);
            return;
        }
        request.setAttribute(BODY, body);
        ContentCachingResponseWrapper captured = new ContentCachingResponseWrapper(response);
        boolean finished = false;
        try {
            try (RequestDeadline deadline = RequestDeadline.open(writeDeadline)) {
                chain.doFilter(new BufferedRequest(request, body), captured);
            }
            finished = true;
        } finally {
            if (request.getAttribute(IdempotencyInterceptor.CLAIMED)
                    instanceof IdempotencyInterceptor.Claimed claimed) {
                record(claimed, captured, finished);
            }
            captured.copyBodyToResponse();
        }
    }

    private void record(IdempotencyInterceptor.Claimed claimed, ContentCachingResponseWrapper captured,
            boolean finished) {
        int status = captured.getStatus();
        try (RequestDeadline deadline = RequestDeadline.open(recordTimeout)) {
            if (!finished || status >= 300) {
                records.release(claimed.request(), claimed.owner());
                return;
            }
            Outcome outcome = new Outcome(status, captured.getContentType(),
                    captured.getHeader(HttpHeaders.LOCATION), captured.getContentAsByteArray());
            if (!records.complete(claimed.request(), claimed.owner(), outcome, ttl)) {
                LOG.warn("idempotency key's claim expired before its outcome ({}) was recorded", status);
            }
        } catch (RuntimeException e) {
            // The answer stands; the claim's lease runs out, and a retry then runs again with the same ids.
            LOG.warn("idempotency outcome ({}) not recorded: {}", status, e.toString());
        }
    }

    /** The request with its body already read: the handler reads the same bytes again. */
    private static final class BufferedRequest extends HttpServletRequestWrapper {

        private final byte[] body;

        BufferedRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("the body is already buffered");
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            String encoding = getCharacterEncoding();
            return new BufferedReader(new InputStreamReader(new ByteArrayInputStream(body),
                    encoding == null ? StandardCharsets.UTF_8 : java.nio.charset.Charset.forName(encoding)));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
