package dev.citadel.cli.rotate;

import dev.citadel.cli.chaos.ChaosTls;
import dev.citadel.cli.services.RunLayout;
import dev.citadel.cli.services.ServiceKind;
import dev.citadel.cli.topology.Topology;
import dev.citadel.platform.pki.Secret;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/**
 * Probes a stamp's catalog-api directly on its public port, as the edge does (the edge's client certificate and the
 * stamp's edge id), bypassing the edge so each stamp is asked itself. The request is an update of the nil item id with
 * an empty body: it needs the key, and past the key check it ends in a 4xx without writing anything.
 */
public final class HttpKeyProbe implements KeyProbe {

    private static final String PATH = "/api/1.0/catalogitem/00000000-0000-0000-0000-000000000000";

    private final Topology topology;
    private final RunLayout layout;
    private final HttpClient http;

    public HttpKeyProbe(Topology topology, RunLayout layout) {
        this.topology = topology;
        this.layout = layout;
        this.http = HttpClient.newBuilder().sslContext(ChaosTls.edgeClient(layout))
                .connectTimeout(Duration.ofSeconds(2)).build();
    }

    @Override
    public Verdict check(String region, Secret key) {
        var node = topology.stamp(region).catalogApi();
        // The last listed: during an edge-id rotation the file lists old and new, and the new one is accepted.
        List<Secret> ids = ApiKeyFiles.read(layout.secretsDir(ServiceKind.CATALOG_API, region).resolve("edge-id"));
        if (ids.isEmpty()) {
            throw new IllegalStateException("catalog-api-" + region + " has no edge-id; run `citadel up`");
        }
        Secret edgeId = ids.get(ids.size() - 1);
        HttpRequest request = HttpRequest.newBuilder(URI.create("https://" + node.address() + ":" + node.port() + PATH))
                .timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/json")
                .header("X-Edge-Id", edgeId.reveal())
                .header("X-API-KEY", key.reveal())
                .PUT(HttpRequest.BodyPublishers.ofString("{}")).build();
        try {
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            return verdict(response.statusCode(), response.headers().firstValue("WWW-Authenticate").orElse(""));
        } catch (IOException e) {
            return Verdict.UNKNOWN;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Verdict.UNKNOWN;
        }
    }

    static Verdict verdict(int status, String challenge) {
        if (status == 401 && challenge.startsWith("ApiKey")) {
            return Verdict.REFUSED;
        }
        if (status == 401 || status == 403 || status >= 500) {
            return Verdict.UNKNOWN;
        }
        return Verdict.ACCEPTED;
    }
}
