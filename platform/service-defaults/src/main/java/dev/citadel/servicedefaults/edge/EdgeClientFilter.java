package dev.citadel.servicedefaults.edge;

import dev.citadel.servicedefaults.RequestPaths;
import dev.citadel.servicedefaults.ServiceDefaultsProperties;
import dev.citadel.servicedefaults.identity.ClientIdentity;
import dev.citadel.servicedefaults.problem.ProblemResponses;
import dev.citadel.servicedefaults.problem.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The public port accepts only the edge's identity: a request that came over TLS must present a client certificate
 * whose CN is one of {@code citadel.edge.client-names} (default {@code edge}), else 403 problem+json. The edge CA in
 * the port's truststore already keeps out every other issuer; this keeps out any other holder of that CA. A plaintext
 * request (a local run without TLS) has no identity and is judged by the edge-id header alone.
 */
public class EdgeClientFilter extends OncePerRequestFilter {

    public static final int ORDER = org.springframework.core.Ordered.HIGHEST_PRECEDENCE + 19;
    private static final Logger LOG = LoggerFactory.getLogger(EdgeClientFilter.class);

    private final ServiceDefaultsProperties.Edge edge;
    private final String managementBasePath;

    public EdgeClientFilter(ServiceDefaultsProperties.Edge edge, String managementBasePath) {
        this.edge = edge;
        this.managementBasePath = managementBasePath;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return isManagementPath(request, managementBasePath);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<String> name = ClientIdentity.commonName(request);
        boolean judged = name.isPresent() || request.isSecure();
        if (judged && !name.map(edge.clientNames()::contains).orElse(false)) {
            LOG.debug("refused public request from client {}", name.orElse("(no certificate)"));
            ProblemResponses.write(response, Problems.of("edge-forbidden", "Request did not come through the edge",
                    403, "Only the edge's client certificate may call this port", request));
            return;
        }
        chain.doFilter(request, response);
    }

    /**
     * Paths the management filter judges when management shares the main port; {@code basePath} is null when it has
     * its own port, and then no path of the public port is exempt.
     */
    static boolean isManagementPath(HttpServletRequest request, String basePath) {
        return basePath != null && RequestPaths.isUnder(RequestPaths.routed(request), basePath);
    }
}
