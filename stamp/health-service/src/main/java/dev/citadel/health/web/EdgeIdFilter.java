package dev.citadel.health.web;

import dev.citadel.health.config.HealthProperties;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Defence in depth behind mTLS (CITADEL.md §6), as in catalog-api: every public request must carry the edge's id in
 * the configured header (compared in constant time), else 403 problem+json. Off when no edge id is configured
 * (local runs without an edge). {@code /actuator/**} is exempt: it lives on the management port, behind the
 * operator's client certificate.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class EdgeIdFilter extends OncePerRequestFilter {

    static final String PROBLEM = """
            {"type":"https://citadel.dev/problems/edge-forbidden","title":"Forbidden",\
            "status":403,"detail":"requests must come through the edge"}""";

    private final HealthProperties.Security security;

    EdgeIdFilter(HealthProperties properties) {
        this.security = properties.security();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !security.edgeCheckEnabled() || request.getRequestURI().startsWith("/actuator/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!security.edgeId().matches(request.getHeader(security.edgeIdHeader()))) {
            response.setStatus(HttpServletResponse.SC_FORBIDDEN);
            response.setContentType("application/problem+json");
            response.getWriter().write(PROBLEM);
            return;
        }
        chain.doFilter(request, response);
    }
}
