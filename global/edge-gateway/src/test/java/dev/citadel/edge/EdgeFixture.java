package dev.citadel.edge;

import dev.citadel.edge.config.EdgeConfigLoader;
import dev.citadel.edge.config.EdgeProperties;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Starts a real edge on loopback (ports chosen by the OS) in front of {@link TestOrigin}s, plus a client. */
final class EdgeFixture implements AutoCloseable {
    final TestPki pki;
    final EdgeServer edge;
    final HttpClient client;
    /** The configuration the edge was started with. */
    final String yaml;

    EdgeFixture(TestPki pki, String groupsAndRoutesYaml, String extraYaml) throws Exception {
        this(pki, groupsAndRoutesYaml, extraYaml, (props, metrics) -> EdgeSecurity.none());
    }

    EdgeFixture(TestPki pki, String groupsAndRoutesYaml, String extraYaml,
                java.util.function.BiFunction<EdgeProperties, dev.citadel.edge.observe.EdgeMetrics, EdgeSecurity> security) throws Exception {
        this.pki = pki;
        yaml = "edgeId: edge-test-1\n"
                + "listeners:\n  https: {host: 127.0.0.1, port: 0}\n  http: {host: 127.0.0.1, port: 0}\n"
                + "  management: {host: 127.0.0.1, port: 0}\n"
                + pki.tlsYaml()
                + "probes: {intervalMs: 200, timeoutMs: 500, sampleSize: 3, requiredSuccesses: 2}\n"
                + "timeouts: {connectMs: 1000, tryMs: 2000, overallMs: 5000}\n"
                + extraYaml + groupsAndRoutesYaml;
        EdgeProperties props = EdgeConfigLoader.parse(yaml);
        edge = new EdgeServer(props, security).start();
        client = HttpClient.newBuilder().sslContext(pki.clientContext(null)).version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** One group "apis" of the given origins with routes /api/* and /* to it. */
    static String singleGroup(String originsYaml) {
        return "originGroups:\n  - name: apis\n    origins:\n" + originsYaml
                + "routes:\n  - {pattern: /api/*, originGroup: apis}\n  - {pattern: /*, originGroup: apis}\n";
    }

    URI uri(String path) {
        return URI.create("https://" + TestPki.EDGE_HOST + ":" + edge.httpsPort() + path);
    }

    HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String body) throws Exception {
        return client.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        edge.close();
    }
}
