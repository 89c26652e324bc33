package dev.citadel.servicedefaults.edge;

import dev.citadel.servicedefaults.ServiceDefaultsProperties;
import dev.citadel.servicedefaults.problem.ProblemResponses;
import dev.citadel.servicedefaults.problem.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Defence in depth behind mTLS (CITADEL.md §6): every public request must carry the edge's id in the configured
 * header, compared in constant time ({@code Secret.matches}), else 403 problem+json. Off when no edge id is
 * configured (local runs without an edge). Management paths are judged by the management filter instead. The valid
 * ids follow the {@code edge-id} file ({@link EdgeIds}), so the id rotates without a restart.
 */
public class EdgeIdFilter extends OncePerRequestFilter {

    public static final int ORDER = org.springframework.core.Ordered.HIGHEST_PRECEDENCE + 20;

    private final ServiceDefaultsProperties.Edge edge;
    private final EdgeIds ids;
    private final String managementBasePath;

    public EdgeIdFilter(ServiceDefaultsProperties.Edge edge, String managementBasePath) {
        this.edge = edge;
        this.ids = new EdgeIds(edge);
        this.managementBasePath = managementBasePath;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !edge.idCheckEnabled() || EdgeClientFilter.isManagementPath(request, managementBasePath);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!ids.matches(request.getHeader(edge.idHeader()))) {
            ProblemResponses.write(response, Problems.of("edge-forbidden", "Request did not come through the edge",
                    403, "Requests must come through the edge", request));
            return;
        }
        chain.doFilter(request, response);
    }
}
