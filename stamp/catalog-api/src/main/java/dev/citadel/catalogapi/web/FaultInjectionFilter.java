package dev.citadel.catalogapi.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A deliberately broken build, for rehearsing a release that must be rolled back ({@code citadel release --fault}):
 * after {@code citadel.catalog-api.fault.fail-after-requests} API requests (enough for a smoke test to pass), every
 * further API request is answered 503 problem+json of type {@value #TYPE}. Absent by default: without the property
 * this bean does not exist.
 */
@Component
@ConditionalOnProperty(name = "citadel.catalog-api.fault.fail-after-requests")
@Order(Ordered.HIGHEST_PRECEDENCE + 12)
public class FaultInjectionFilter extends OncePerRequestFilter {

    static final String TYPE = "https://citadel.dev/problems/fault-injected";

    private final long failAfter;
    private final AtomicLong served = new AtomicLong();

    public FaultInjectionFilter(@Value("${citadel.catalog-api.fault.fail-after-requests}") long failAfter) {
        this.failAfter = failAfter;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (served.incrementAndGet() <= failAfter) {
            chain.doFilter(request, response);
            return;
        }
        response.setStatus(503);
        response.setHeader("Retry-After", "1");
        response.setContentType("application/problem+json");
        response.getOutputStream().write(("{\"type\":\"" + TYPE + "\",\"title\":\"Service Unavailable\",\"status\":503,"
                + "\"detail\":\"This build fails on purpose (release rehearsal).\"}").getBytes(StandardCharsets.UTF_8));
    }
}
