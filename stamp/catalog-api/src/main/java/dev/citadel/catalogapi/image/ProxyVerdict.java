package dev.citadel.catalogapi.image;

import java.io.IOException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the egress firewall said about a fetch it answered itself. On plain HTTP it marks its own answers with an
 * RFC 9209 {@code Proxy-Status} header whose {@code error} parameter is a registered proxy error type; a refused
 * CONNECT reaches us only as the JDK client's IOException naming the proxy's status line, where 403 is the
 * firewall's policy refusal and anything else its failure to reach the destination.
 */
record ProxyVerdict(String error) {

    static final String HEADER = "Proxy-Status";
    /**
     * RFC 9209 error types that mean "not allowed" (by policy, or a request the firewall will not forward), as opposed
     * to "could not reach" (connection refused or timed out, DNS failure, ...), which is the egress path's failure.
     */
    static final Set<String> REFUSALS = Set.of("destination_ip_prohibited", "http_request_denied",
            "http_request_error");
    private static final Pattern ERROR = Pattern.compile(";\\s*error=\"?([a-z_]+)\"?");
    /** The JDK client's words for a refused tunnel: "Tunnel failed, got: 403" (java.net.http, JDK 17+). */
    private static final Pattern TUNNEL_STATUS = Pattern.compile("Tunnel failed, got: (\\d{3})");

    boolean refused() {
        return REFUSALS.contains(error);
    }

    /** The verdict in a {@code Proxy-Status} value, when it carries an error; a proxy's success adds nothing. */
    static Optional<ProxyVerdict> of(Optional<String> proxyStatus) {
        return proxyStatus.map(v -> ERROR.matcher(v.toLowerCase(Locale.ROOT))).filter(Matcher::find)
                .map(m -> new ProxyVerdict(m.group(1)));
    }

    /** The verdict in the JDK client's failure to open a tunnel, if that is what {@code failure} is. */
    static Optional<ProxyVerdict> ofTunnelFailure(Throwable failure) {
        if (!(failure instanceof IOException) || failure.getMessage() == null) {
            return Optional.empty();
        }
        Matcher m = TUNNEL_STATUS.matcher(failure.getMessage());
        if (!m.find()) {
            return Optional.empty();
        }
        return Optional.of(new ProxyVerdict(m.group(1).equals("403") ? "http_request_denied" : "connection_refused"));
    }
}
