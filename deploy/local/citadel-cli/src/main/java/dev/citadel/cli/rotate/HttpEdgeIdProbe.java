package dev.citadel.cli.rotate;

import dev.citadel.cli.chaos.ChaosTls;
import dev.citadel.cli.services.OperatorTls;
import dev.citadel.cli.services.RunLayout;
import dev.citadel.cli.services.ServiceCommandLines;
import dev.citadel.cli.services.ServiceKind;
import dev.citadel.cli.topology.Topology;
import dev.citadel.platform.pki.Secret;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Asks the stamps directly (the edge's client certificate, a given edge id, a path no service has: past the edge-id
 * check it is a 404, before it a 403 {@code edge-forbidden}) and the edge's admin API (operator certificate,
 * {@code GET /origins}: which id each origin is sent, as a fingerprint).
 */
public final class HttpEdgeIdProbe implements EdgeIdRotation.Probe, EdgeIdRotation.EdgeView {

    /** The public services of a stamp, each of which checks the edge id. */
    public static final List<ServiceKind> CHECKING = List.of(ServiceKind.CATALOG_API, ServiceKind.HEALTH_SERVICE,
            ServiceKind.WEB_UI);
    private static final String PATH = "/citadel-edge-id-probe";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Topology topology;
    private final HttpClient asEdge;
    private final HttpClient asOperator;

    public HttpEdgeIdProbe(Topology topology, RunLayout layout) {
        this.topology = topology;
        this.asEdge = HttpClient.newBuilder().sslContext(ChaosTls.edgeClient(layout))
                .connectTimeout(Duration.ofSeconds(2)).build();
        this.asOperator = HttpClient.newBuilder().sslContext(OperatorTls.context(layout))
                .connectTimeout(Duration.ofSeconds(2)).build();
    }

    @Override
    public KeyProbe.Verdict check(String region, Secret edgeId) {
        Set<KeyProbe.Verdict> verdicts = new LinkedHashSet<>();
        for (ServiceKind kind : CHECKING) {
            var node = ServiceCommandLines.node(kind, topology.stamp(region));
            HttpRequest request = HttpRequest.newBuilder(URI.create("https://" + node.address() + ":" + node.port() + PATH))
                    .timeout(Duration.ofSeconds(5)).header("X-Edge-Id", edgeId.reveal()).GET().build();
            try {
                HttpResponse<String> response = asEdge.send(request, HttpResponse.BodyHandlers.ofString());
                verdicts.add(verdict(response.statusCode(), response.body()));
            } catch (IOException e) {
                return KeyProbe.Verdict.UNKNOWN;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return KeyProbe.Verdict.UNKNOWN;
            }
        }
        return verdicts.size() == 1 ? verdicts.iterator().next() : KeyProbe.Verdict.UNKNOWN;
    }

    static KeyProbe.Verdict verdict(int status, String body) {
        if (status == 403 && body.contains("edge-forbidden")) {
            return KeyProbe.Verdict.REFUSED;
        }
        if (status == 401 || status == 403 || status == 429 || status >= 500) {
            return KeyProbe.Verdict.UNKNOWN;
        }
        return KeyProbe.Verdict.ACCEPTED;
    }

    @Override
    public Set<String> sentTo(String region) {
        Topology.EdgeNode edge = topology.edge();
        HttpRequest request = HttpRequest.newBuilder(URI.create("https://" + edge.address() + ":" + edge.managementPort()
                + "/origins")).timeout(Duration.ofSeconds(5)).GET().build();
        try {
            HttpResponse<String> response = asOperator.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return Set.of();
            }
            Set<String> sent = new LinkedHashSet<>();
            for (JsonNode origin : JSON.readTree(response.body())) {
                if (region.equals(origin.path("stamp").asString(""))) {
                    sent.add(origin.path("edgeIdFingerprint").asString(""));
                }
            }
            return sent;
        } catch (IOException | RuntimeException e) {
            return Set.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Set.of();
        }
    }
}
