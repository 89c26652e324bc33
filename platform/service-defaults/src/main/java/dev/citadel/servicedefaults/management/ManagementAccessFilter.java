package dev.citadel.servicedefaults.management;

import dev.citadel.servicedefaults.RequestPaths;
import dev.citadel.servicedefaults.identity.ClientIdentity;
import dev.citadel.servicedefaults.problem.ProblemResponses;
import dev.citadel.servicedefaults.problem.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authorises the management plane by identity, not only by issuing CA: the operator CA signs both the operator's and
 * every stamp's scraper certificate, so the CN decides. An operator may do everything; a scraper may only GET the
 * health and prometheus endpoints (it must never flip a rotation switch); anything else, a certificate-less TLS
 * request included, is 403 problem+json. A request that did not come over TLS is refused too unless
 * {@code citadel.management.plaintext-allowed} (tests and local runs without TLS). With
 * {@code citadel.management.anonymous-probes} a certificate-less GET of exactly the liveness or readiness group passes
 * (the kubelet's probes); nothing else does.
 */
public class ManagementAccessFilter extends OncePerRequestFilter {

    public static final int ORDER = org.springframework.core.Ordered.HIGHEST_PRECEDENCE + 15;
    private static final Logger LOG = LoggerFactory.getLogger(ManagementAccessFilter.class);

    private final List<String> operators;
    private final List<String> scrapers;
    private final boolean plaintextAllowed;
    private final String basePath;
    private final Pattern scrapeable;
    private final boolean wholePort;
    private final boolean anonymousProbes;
    private final Pattern probes;

    public ManagementAccessFilter(List<String> operators, List<String> scrapers, boolean plaintextAllowed,
            String basePath, boolean wholePort) {
        this(operators, scrapers, plaintextAllowed, false, basePath, wholePort);
    }

    /**
     * @param basePath  the actuator base path ({@code /actuator})
     * @param wholePort true on a separate management port (every path is management); false when management shares
     *                  the main port, where only paths under {@code basePath} are judged here
     */
    public ManagementAccessFilter(List<String> operators, List<String> scrapers, boolean plaintextAllowed,
            boolean anonymousProbes, String basePath, boolean wholePort) {
        this.anonymousProbes = anonymousProbes;
        this.probes = Pattern.compile("^" + Pattern.quote(basePath) + "/health/(liveness|readiness)$");
        this.operators = List.copyOf(operators);
        this.scrapers = List.copyOf(scrapers);
        this.plaintextAllowed = plaintextAllowed;
        this.basePath = basePath;
        this.wholePort = wholePort;
        // Exactly the two endpoints and their sub-paths (health groups, e.g. /health/readiness); nothing else.
        this.scrapeable = Pattern.compile("^" + Pattern.quote(basePath) + "/(prometheus|health)(/[A-Za-z0-9_-]+)*$");
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !wholePort && !RequestPaths.isUnder(RequestPaths.routed(request), basePath);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<String> name = ClientIdentity.commonName(request);
        if (name.isEmpty() && !request.isSecure() && plaintextAllowed) {
            chain.doFilter(request, response);
            return;
        }
        if (name.isEmpty() && anonymousProbes && "GET".equals(request.getMethod())
                && probes.matcher(RequestPaths.routed(request)).matches()) {
            chain.doFilter(request, response);
            return;
        }
        if (name.isPresent() && allowed(name.get(), request)) {
            chain.doFilter(request, response);
            return;
        }
        LOG.info("refused management request {} {} from client {}", request.getMethod(),
                Problems.safePath(RequestPaths.routed(request)), name.orElse("(no certificate)"));
        ProblemResponses.write(response, Problems.of("management-forbidden", "Forbidden", 403,
                "This client may not call this management endpoint", request));
    }

    private boolean allowed(String name, HttpServletRequest request) {
        if (operators.contains(name)) {
            return true;
        }
        return scrapers.contains(name) && "GET".equals(request.getMethod())
                && scrapeable.matcher(RequestPaths.routed(request)).matches();
    }
}
