package dev.citadel.cli.chaos;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;

/**
 * The RPO check: every write answered 201/202 during the run is read back from every region's catalog-api directly
 * (the edge's client certificate and that stamp's edge id, so the edge cannot pick the region). Asynchronous writes
 * and cross-DC replication need a moment, so a write counts as lost only if a region still answers 404 (or nothing)
 * when {@code patience} has run out.
 */
final class WriteAudit {

    /** One region's catalog-api: its public listener and the edge id it requires. */
    record Stamp(String region, URI base, String edgeId) {}

    /** Writes a region could not read back; {@code examples} names a few (region and path). */
    record Result(int audited, int lost, List<String> examples) {}

    private final HttpClient http;
    private final List<Stamp> stamps;
    private final String edgeIdHeader;

    WriteAudit(SSLContext edgeClient, List<Stamp> stamps, String edgeIdHeader) {
        this.http = HttpClient.newBuilder().sslContext(edgeClient).version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(3)).build();
        this.stamps = List.copyOf(stamps);
        this.edgeIdHeader = edgeIdHeader;
    }

    Result audit(List<RequestOutcome> outcomes, Duration patience) throws InterruptedException {
        List<String> paths = outcomes.stream().filter(o -> !o.operation().read() && o.succeeded())
                .map(RequestOutcome::location).toList();
        // path → regions that have not shown it yet
        Map<String, List<Stamp>> pending = new LinkedHashMap<>();
        int unlocated = 0;
        for (String path : paths) {
            if (path.isEmpty()) {
                unlocated++;
            } else {
                pending.put(path, new ArrayList<>(stamps));
            }
        }
        long deadline = System.nanoTime() + patience.toNanos();
        while (!pending.isEmpty()) {
            for (var entry : pending.entrySet()) {
                entry.getValue().removeIf(stamp -> readable(stamp, entry.getKey()));
            }
            pending.values().removeIf(List::isEmpty);
            if (pending.isEmpty() || System.nanoTime() > deadline) {
                break;
            }
            Thread.sleep(1_000);
        }
        List<String> examples = new ArrayList<>();
        pending.forEach((path, missing) -> missing.forEach(stamp -> {
            if (examples.size() < 10) {
                examples.add(stamp.region() + " " + path);
            }
        }));
        if (unlocated > 0) {
            examples.add(unlocated + " accepted writes came without a Location to read back");
        }
        return new Result(paths.size(), pending.size() + unlocated, examples);
    }

    private boolean readable(Stamp stamp, String path) {
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(stamp.base().resolve(path))
                    .header(edgeIdHeader, stamp.edgeId()).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
