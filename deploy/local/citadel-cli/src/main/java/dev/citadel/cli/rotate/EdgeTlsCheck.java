package dev.citadel.cli.rotate;

import dev.citadel.cli.services.OperatorTls;
import dev.citadel.cli.services.RunLayout;
import dev.citadel.cli.topology.Topology;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Whether the edge connects to the stamps with a given client certificate: its admin API ({@code GET /tls}, operator
 * certificate) lists each TLS context it follows with the certificates that context presents now, and the next
 * connection to an origin uses that context (pooled connections opened before a reload are closed, not reused).
 */
public final class EdgeTlsCheck implements CaRotation.InUse {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final URI tls;
    private final HttpClient asOperator;
    private final String context;

    /** @param context the context's name in the edge's {@code GET /tls}: {@code origin-client} */
    public EdgeTlsCheck(Topology topology, RunLayout layout, String context) {
        Topology.EdgeNode edge = topology.edge();
        this.tls = URI.create("https://" + edge.address() + ":" + edge.managementPort() + "/tls");
        this.asOperator = HttpClient.newBuilder().sslContext(OperatorTls.context(layout))
                .connectTimeout(Duration.ofSeconds(2)).build();
        this.context = context;
    }

    @Override
    public boolean uses(BigInteger serial) {
        HttpRequest request = HttpRequest.newBuilder(tls).timeout(Duration.ofSeconds(5)).GET().build();
        try {
            HttpResponse<String> response = asOperator.send(request, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && presents(response.body(), context, serial);
        } catch (IOException | RuntimeException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Whether the {@code GET /tls} answer says the named context presents a certificate with that serial. */
    static boolean presents(String body, String context, BigInteger serial) {
        String hex = serial.toString(16);
        for (JsonNode c : JSON.readTree(body)) {
            if (context.equals(c.path("name").asString(""))) {
                for (JsonNode presented : c.path("presenting")) {
                    if (hex.equalsIgnoreCase(presented.path("serial").asString(""))) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
