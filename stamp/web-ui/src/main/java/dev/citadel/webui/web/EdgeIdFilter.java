package dev.citadel.webui.web;

import dev.citadel.webui.config.WebUiProperties;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Defence in depth behind mTLS (CITADEL.md §6), as in catalog-api: refuses, with a 403 problem, every request that
 * does not carry the edge's id in the configured header, compared in constant time. Off when no edge id is configured
 * (local runs). Actuator endpoints are exempt: they live on the management port, which the edge never reaches.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class EdgeIdFilter extends OncePerRequestFilter {

    private final WebUiProperties.Security security;
    private final JsonMapper json;

    EdgeIdFilter(WebUiProperties properties, JsonMapper json) {
        this.security = properties.security();
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !security.edgeCheckEnabled() || request.getRequestURI().startsWith("/actuator/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (security.edgeId().matches(request.getHeader(security.edgeIdHeader()))) {
            chain.doFilter(request, response);
            return;
        }
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setHeader("Cache-Control", "no-store"); // a refusal must never be cached by the edge
        json.writeValue(response.getOutputStream(), Problems.of(ProblemType.EDGE_FORBIDDEN, 403,
                "Requests must come through the edge", request.getRequestURI()));
    }
}
