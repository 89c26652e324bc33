package dev.citadel.catalogapi.web;

import dev.citadel.catalogapi.config.CatalogApiProperties;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/** Starts every request's {@link RequestDeadline} as early as the application sees the request. */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class RequestDeadlineFilter extends OncePerRequestFilter {

    private final Duration limit;

    public RequestDeadlineFilter(CatalogApiProperties properties) {
        this.limit = properties.limits().requestDeadline();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        request.setAttribute(RequestDeadline.ATTRIBUTE, new RequestDeadline(System.nanoTime(), limit,
                System::nanoTime));
        chain.doFilter(request, response);
    }
}
