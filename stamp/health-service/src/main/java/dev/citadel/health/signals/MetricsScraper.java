package dev.citadel.health.signals;

import dev.citadel.health.check.DependencyCalls;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;

/** Fetches and parses a service's Prometheus endpoint; one call per scrape, bounded by the timeout. */
public final class MetricsScraper {

    private final Duration timeout;
    private final DependencyCalls calls;
    private final FollowedScrapeTls tls;
    private volatile HttpClient http;
    private volatile SSLContext httpContext;

    public MetricsScraper(Path clientCertificate, Path clientPrivateKey, Path caCertificate, Duration timeout,
            DependencyCalls calls) {
        this.timeout = timeout;
        this.calls = calls;
        this.tls = clientCertificate != null || caCertificate != null
                ? new FollowedScrapeTls(clientCertificate, clientPrivateKey, caCertificate) : null;
        this.http = client(tls == null ? null : tls.context());
    }

    /** The client for the next scrape; a new one once the TLS files changed (pooled connections keep the old). */
    private HttpClient http() {
        if (tls == null) {
            return http;
        }
        SSLContext context = tls.context();
        if (context != httpContext) {
            synchronized (this) {
                if (context != httpContext) {
                    http = client(context);
                }
            }
        }
        return http;
    }

    private HttpClient client(SSLContext context) {
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER);
        if (context != null) {
            builder.sslContext(context);
        }
        httpContext = context;
        return builder.build();
    }

    /** The samples of {@code endpoint}; throws when it is unreachable, answers non-200 or is not Prometheus text. */
    public List<Sample> scrape(String dependency, URI endpoint) throws IOException, InterruptedException {
        calls.record(dependency);
        HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(timeout)
                // The classic text format: stable names (counters end in _total) and no exemplars to skip.
                .header("Accept", "text/plain;version=0.0.4;q=1.0")
                .GET().build();
        HttpResponse<String> response = http().send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException(endpoint + " answered " + response.statusCode());
        }
        return PrometheusText.parse(response.body());
    }
}
