package dev.citadel.cli.chaos;

import dev.citadel.cli.services.OperatorTls;
import dev.citadel.cli.services.RunLayout;
import dev.citadel.cli.services.ServiceKind;
import dev.citadel.cli.topology.Topology;
import dev.citadel.platform.pki.SecretDirectory;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import javax.net.ssl.SSLContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Wires a {@link ChaosRunner} to a running topology: its edge, its stamps, and what "healthy" means. */
public final class ChaosSetup {

    /** The header every stamp requires from the edge (platform/service-defaults' default). */
    static final String EDGE_ID_HEADER = "X-Edge-Id";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ChaosSetup() {}

    /**
     * @param componentsRunning whether every engine and service of the run is up (the CLI's status)
     */
    public static ChaosRunner runner(Topology topology, RunLayout layout, BooleanSupplier componentsRunning,
                                     int clients, int rate, ChaosRunner.Pacing pacing, PrintWriter progress) {
        var edge = topology.edge();
        URI edgeUri = URI.create("https://" + edge.address() + ":" + edge.port());
        URI originsUri = URI.create("https://" + edge.address() + ":" + edge.managementPort() + "/origins");
        SSLContext internet = ChaosTls.internetClient(layout);
        HttpClient operator = HttpClient.newBuilder().sslContext(OperatorTls.context(layout))
                .connectTimeout(Duration.ofSeconds(2)).build();
        BooleanSupplier healthy = () -> componentsRunning.getAsBoolean() && everyOriginHealthy(operator, originsUri);
        List<WriteAudit.Stamp> stamps = new ArrayList<>();
        for (Topology.Region region : topology.regions()) {
            var api = topology.stamp(region.name()).catalogApi();
            String edgeId = SecretDirectory.open(layout.secretsDir(ServiceKind.CATALOG_API, region.name()))
                    .read("edge-id").orElseThrow(() -> new IllegalStateException("no edge id for " + region.name()
                            + "'s catalog-api; run `citadel up` first")).reveal();
            stamps.add(new WriteAudit.Stamp(region.name(), URI.create("https://" + api.address() + ":" + api.port()),
                    edgeId));
        }
        WriteAudit audit = new WriteAudit(ChaosTls.edgeClient(layout), stamps, EDGE_ID_HEADER);
        return new ChaosRunner(() -> new ChaosLoad(edgeUri, internet, itemIds(edgeUri, internet), clients, rate),
                healthy, audit, pacing, progress);
    }

    /** The edge's operator view lists every origin with {@code healthy}; all must be true. */
    static boolean everyOriginHealthy(HttpClient operator, URI originsUri) {
        try {
            HttpResponse<String> response = operator.send(HttpRequest.newBuilder(originsUri)
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return false;
            }
            List<JsonNode> flags = JSON.readTree(response.body()).findValues("healthy");
            return !flags.isEmpty() && flags.stream().allMatch(JsonNode::asBoolean);
        } catch (IOException | RuntimeException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The catalog's item ids, read through the edge as any client would. */
    static List<String> itemIds(URI edge, SSLContext tls) {
        HttpClient http = HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(3)).build();
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(edge.resolve("/api/1.0/catalogitem?limit=50"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("listing items through the edge answered " + response.statusCode());
            }
            return ids(JSON.readTree(response.body()));
        } catch (IOException e) {
            throw new IllegalStateException("cannot list items through the edge at " + edge + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while listing items", e);
        }
    }

    /** Ids from a list answer: a bare array of items, or an object holding one. */
    static List<String> ids(JsonNode list) {
        JsonNode items = list.isArray() ? list : list.findValue("items");
        List<String> ids = new ArrayList<>();
        if (items != null) {
            items.forEach(item -> {
                if (item.hasNonNull("id")) {
                    ids.add(item.get("id").asString());
                }
            });
        }
        return ids;
    }
}
