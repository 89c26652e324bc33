package dev.citadel.catalogapi.web;

import dev.citadel.catalogapi.config.CatalogApiProperties;
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
 * Sets {@code X-Server-Name} and {@code X-Server-Location} on every response before anything else can fail, so
 * error responses (the edge filters' 403s included) carry them too. {@code X-Correlation-ID} comes from
 * service-defaults' correlation filter, which runs just before this one.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 11)
public class ServerHeadersFilter extends OncePerRequestFilter {

    public static final String SERVER_NAME = "X-Server-Name";
    public static final String SERVER_LOCATION = "X-Server-Location";

    private final CatalogApiProperties properties;

    public ServerHeadersFilter(CatalogApiProperties properties) {
        this.properties = properties;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setHeader(SERVER_NAME, properties.serverName());
        response.setHeader(SERVER_LOCATION, properties.region());
        chain.doFilter(request, response);
    }
}
