package dev.citadel.catalogapi.web;

import dev.citadel.catalogapi.config.CatalogApiProperties;
import dev.citadel.catalogapi.problem.EdgeForbiddenException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Defence in depth behind mTLS (CITADEL.md §6): refuses, with 403, every request that does not carry the edge's id
 * in the configured header — compared in constant time. Off when no edge id is configured (local runs). Actuator
 * endpoints are exempt: the orchestrator's probes and the metrics scraper do not come through the edge.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20) // after CorrelationFilter, so the 403 carries the correlation headers
public class EdgeIdFilter extends OncePerRequestFilter {

    private final CatalogApiProperties.Security security;
    private final HandlerExceptionResolver resolver;

    public EdgeIdFilter(CatalogApiProperties properties,
            @Qualifier("handlerExceptionResolver") HandlerExceptionResolver resolver) {
        this.security = properties.security();
        this.resolver = resolver;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !security.edgeCheckEnabled() || request.getRequestURI().startsWith("/actuator/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!security.edgeId().matches(request.getHeader(security.edgeIdHeader()))) {
            resolver.resolveException(request, response, null, new EdgeForbiddenException());
            return;
        }
        chain.doFilter(request, response);
    }
}
