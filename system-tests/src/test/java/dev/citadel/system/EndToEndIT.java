package dev.citadel.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The end-to-end contract, through the edge only, as a client on the internet side, against the topology the CLI
 * started ({@link RunningCitadel}); the management side (operator certificate) only where a check needs it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EndToEndIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String ITEMS = "/api/1.0/catalogitem";

    private static RunningCitadel citadel;
    private static HttpClient internet;
    private static HttpClient operator;

    @BeforeAll
    static void startTheWholeSystem() {
        citadel = RunningCitadel.get();
        internet = HttpClient.newBuilder().sslContext(citadel.sslContext()).connectTimeout(Duration.ofSeconds(5)).build();
        operator = HttpClient.newBuilder().sslContext(citadel.operatorSslContext())
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    @Test
    @Order(1)
    void everyStampReportsHealthyToTheEdgeAndTheEdgeServesTheStampVerdict() {
        // Management side: the edge's admin API shows each origin's /health/stamp probe of each stamp.
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            JsonNode origins = JSON.readTree(send(operator, get(citadel.edgeManagementUri("/origins"))).body());
            List<String> unhealthy = new ArrayList<>();
            for (JsonNode origin : origins.isArray() ? origins : origins.path("origins")) {
                if (!origin.path("healthy").asBoolean()) {
                    unhealthy.add(origin.path("name").asString() + " (" + origin.path("reason").asString() + ")");
                }
            }
            assertThat(origins.toString()).contains("health-region1", "health-region2");
            assertThat(unhealthy).as("origins whose stamp probe fails").isEmpty();
        });
        HttpResponse<String> verdict = send(internet, get(citadel.edgeUri("/health/stamp")));
        assertThat(verdict.statusCode()).as(verdict.body()).isEqualTo(200);
    }

    @Test
    @Order(2)
    void listsItemsGetsOneAndServesItsImageFromTheStamps() throws Exception {
        HttpResponse<String> list = send(internet, get(citadel.edgeUri(ITEMS)));
        assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
        JsonNode items = JSON.readTree(list.body());
        assertThat(items.isArray() && !items.isEmpty()).as(list.body()).isTrue();

        String id = items.get(0).path("id").asString();
        HttpResponse<String> item = send(internet, get(citadel.edgeUri(ITEMS + "/" + id)));
        assertThat(item.statusCode()).as(item.body()).isEqualTo(200);
        assertThat(JSON.readTree(item.body()).path("name").asString()).isNotBlank();

        HttpResponse<byte[]> image = internet.send(get(citadel.edgeUri("/images/" + id)),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(image.statusCode()).isEqualTo(200);
        assertThat(image.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("image/"));
        assertThat(image.body()).isNotEmpty();
    }

    @Test
    @Order(3)
    void anAcceptedCommentBecomesReadableThroughBothStamps() throws Exception {
        // What must hold: a 202 means the comment reaches both regions' stores. How fast (CITADEL.md section 8: 1 s)
        // is a benchmark's figure (deploy/local/load-bench/visibility.sh), not this test's: the bound only ends the
        // wait for a write that was lost or never replicated. The first write after a start pays for cold paths
        // (producer metadata, consumer fetch sessions, JIT), seen at 22 s here on a starved machine.
        List<Long> millis = commentReadableThroughBothStamps(firstItemId(), Duration.ofMinutes(2));
        System.out.printf("comment readable through both stamps after %s ms%n", millis);
    }

    private static List<Long> commentReadableThroughBothStamps(String id, Duration atMost) throws Exception {
        HttpRequest post = HttpRequest.newBuilder(citadel.edgeUri(ITEMS + "/" + id + "/comments"))
                .timeout(Duration.ofSeconds(15)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"authorName\":\"System test\",\"text\":\"Still standing.\"}"))
                .build();
        // A client retries a write answered 503/504 (catalog-api's contract: never lost, possibly duplicated); on
        // the starved shared machine the first write of a freshly started stamp can exceed the edge's try timeout.
        HttpResponse<String> accepted = send(internet, post);
        for (int attempt = 1; attempt < 5 && accepted.statusCode() >= 503; attempt++) {
            Thread.sleep(1000);
            accepted = send(internet, post);
        }
        long acceptedAt = System.nanoTime();
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        URI location = citadel.edgeUri("/").resolve(accepted.headers().firstValue("Location").orElseThrow());

        // The edge spreads GETs over both stamps; X-Server-Location says which one answered.
        List<String> readableIn = Collections.synchronizedList(new ArrayList<>());
        List<Long> firstSeenMillis = Collections.synchronizedList(new ArrayList<>());
        await().atMost(atMost).pollInterval(Duration.ofMillis(50)).until(() -> {
            HttpResponse<String> read = send(internet, get(location));
            String region = read.headers().firstValue("X-Server-Location").orElse("?");
            if (read.statusCode() == 200 && !readableIn.contains(region)) {
                readableIn.add(region);
                firstSeenMillis.add((System.nanoTime() - acceptedAt) / 1_000_000);
            }
            return readableIn.size() == citadel.regions().size();
        });
        assertThat(readableIn).containsExactlyInAnyOrderElementsOf(citadel.regions());
        return List.copyOf(firstSeenMillis);
    }

    /**
     * One Idempotency-Key sent to both stamps at the same moment, as a client whose answer was lost and whose retry
     * the edge sent to the other stamp: neither stamp can have seen the other's write, and still one item is stored
     * and one comment is listed, through either stamp, and one delete removes it everywhere.
     */
    @Test
    @Order(4)
    void theSameKeyPostedToTwoStampsStoresOneItemAndListsOneComment() throws Exception {
        HttpClient edge = HttpClient.newBuilder().sslContext(citadel.edgeClientSslContext())
                .connectTimeout(Duration.ofSeconds(5)).build();
        String key = "e2e-" + UUID.randomUUID();
        String name = "Keyed on two stamps " + key;

        List<HttpResponse<String>> created = toBothStamps(edge, "POST", ITEMS,
                "{\"name\":\"" + name + "\",\"description\":\"once\",\"price\":3.50}",
                "X-API-KEY", citadel.apiKey(), "Idempotency-Key", key);
        String itemLocation = created.get(0).headers().firstValue("Location").orElseThrow();
        for (HttpResponse<String> r : created) {
            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
            assertThat(r.headers().firstValue("Location")).contains(itemLocation);
        }
        String itemId = itemLocation.substring(itemLocation.lastIndexOf('/') + 1);
        // One id whichever stamp wrote first: one row in the items table and one in the name listing, in both DCs.
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            for (String region : citadel.regions()) {
                HttpResponse<String> item = send(edge, stampGet(region, itemLocation));
                assertThat(item.statusCode()).as(region + " " + item.body()).isEqualTo(200);
                assertThat(JSON.readTree(item.body()).path("name").asString()).isEqualTo(name);
            }
        });

        String comments = ITEMS + "/" + itemId + "/comments";
        List<HttpResponse<String>> accepted = toBothStamps(edge, "POST", comments,
                "{\"authorName\":\"Twice\",\"text\":\"Sent to both stamps\"}", "Idempotency-Key", key);
        String location = accepted.get(0).headers().firstValue("Location").orElseThrow();
        for (HttpResponse<String> r : accepted) {
            assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
            assertThat(r.headers().firstValue("Location")).contains(location);
        }
        String commentId = location.substring(location.lastIndexOf('/') + 1);
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            for (String region : citadel.regions()) {
                JsonNode listed = JSON.readTree(send(edge, stampGet(region, comments + "?limit=1000")).body());
                assertThat(countOf(listed, commentId)).as("comment listed in " + region).isEqualTo(1);
            }
        });
        // Both stamps' events are applied and replicated by now or within seconds: the listing must stay at one.
        Thread.sleep(5_000);
        for (String region : citadel.regions()) {
            JsonNode listed = JSON.readTree(send(edge, stampGet(region, comments + "?limit=1000")).body());
            assertThat(countOf(listed, commentId)).as("comment listed in " + region + " after both applied")
                    .isEqualTo(1);
        }

        HttpResponse<String> deleted = send(edge, HttpRequest.newBuilder(
                        citadel.stampUri(citadel.regions().get(0), "catalog-api", location))
                .timeout(Duration.ofSeconds(15)).header("X-Edge-Id", citadel.edgeId(citadel.regions().get(0)))
                .header("X-API-KEY", citadel.apiKey()).DELETE().build());
        assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(202);
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            for (String region : citadel.regions()) {
                JsonNode listed = JSON.readTree(send(edge, stampGet(region, comments + "?limit=1000")).body());
                assertThat(countOf(listed, commentId)).as("comment listed in " + region + " after its delete")
                        .isZero();
                assertThat(send(edge, stampGet(region, location)).statusCode()).isEqualTo(404);
            }
        });
    }

    /**
     * The same request sent to every stamp's catalog-api at once (as the edge calls it). A 503 is retried as a client
     * would: with the key that is safe, which is the point.
     */
    private static List<HttpResponse<String>> toBothStamps(HttpClient edge, String method, String path, String body,
            String... headers) throws Exception {
        List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
        for (String region : citadel.regions()) {
            sent.add(CompletableFuture.supplyAsync(() -> {
                HttpRequest.Builder b = HttpRequest.newBuilder(citadel.stampUri(region, "catalog-api", path))
                        .timeout(Duration.ofSeconds(15)).header("X-Edge-Id", citadel.edgeId(region))
                        .header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(body));
                for (int i = 0; i < headers.length; i += 2) {
                    b.header(headers[i], headers[i + 1]);
                }
                HttpResponse<String> r = send(edge, b.build());
                for (int attempt = 1; attempt < 5 && r.statusCode() >= 503; attempt++) {
                    sleep(1000);
                    r = send(edge, b.build());
                }
                return r;
            }));
        }
        List<HttpResponse<String>> answers = new ArrayList<>();
        for (CompletableFuture<HttpResponse<String>> f : sent) {
            answers.add(f.get(2, TimeUnit.MINUTES));
        }
        return answers;
    }

    private static HttpRequest stampGet(String region, String path) {
        return HttpRequest.newBuilder(citadel.stampUri(region, "catalog-api", path)).timeout(Duration.ofSeconds(15))
                .header("X-Edge-Id", citadel.edgeId(region)).GET().build();
    }

    private static long countOf(JsonNode array, String id) {
        long n = 0;
        for (JsonNode e : array) {
            if (id.equals(e.path("id").asString())) {
                n++;
            }
        }
        return n;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    @Order(5)
    void servesTheUserInterfaceWithItsTitle() {
        HttpResponse<String> page = send(internet, get(citadel.edgeUri("/")));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(page.body()).contains("<title>Citadel Catalog</title>");
    }

    @Test
    @Order(6)
    void aKilledCatalogApiCostsNoFailedGetAndAStampTakenOutStopsGettingTraffic() throws Exception {
        long victim = pidOf("catalog-api-region1");
        Reader reader = new Reader(citadel.edgeUri(ITEMS));
        Thread thread = new Thread(reader, "reader");
        thread.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> reader.ok.size() > 20);
        ProcessHandle.of(victim).orElseThrow().destroyForcibly();
        // Generous: a Spring Boot start took 3 to 9 minutes here while the machine ran at load 40-60.
        await().atMost(Duration.ofMinutes(15)).pollInterval(Duration.ofSeconds(1)).until(() ->
                pidOf("catalog-api-region1") != victim && "ready".equals(stateOf("catalog-api-region1")));
        reader.stop.set(true);
        thread.join();
        assertThat(reader.failures).as("failed GETs while catalog-api-region1 was killed and restarted").isEmpty();
        RunningCitadel.CliResult status = citadel.cli("status");
        assertThat(status.output()).containsPattern("catalog-api-region1 .* running +[1-9]");

        RunningCitadel.CliResult out = citadel.cli("stamp", "out", "region1");
        assertThat(out.code()).as(out.toString()).isZero();
        long outAt = System.nanoTime();
        List<String> afterTwoSeconds = new ArrayList<>();
        while (System.nanoTime() - outAt < Duration.ofSeconds(6).toNanos()) {
            HttpResponse<String> r = send(internet, get(citadel.edgeUri(ITEMS)));
            if (System.nanoTime() - outAt > Duration.ofSeconds(2).toNanos()) {
                afterTwoSeconds.add(r.statusCode() + " " + r.headers().firstValue("X-Server-Location").orElse("?"));
            }
        }
        assertThat(afterTwoSeconds).isNotEmpty().allMatch(s -> s.equals("200 region2"));

        RunningCitadel.CliResult in = citadel.cli("stamp", "in", "region1");
        assertThat(in.code()).as(in.toString()).isZero();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() ->
                send(internet, get(citadel.edgeUri(ITEMS))).headers().firstValue("X-Server-Location")
                        .orElse("").equals("region1"));
    }

    /** Keeps reading through the edge, like a user who must not notice a dying stamp. */
    private static final class Reader implements Runnable {
        final URI uri;
        final AtomicBoolean stop = new AtomicBoolean();
        final List<String> ok = Collections.synchronizedList(new ArrayList<>());
        final List<String> failures = Collections.synchronizedList(new ArrayList<>());

        Reader(URI uri) {
            this.uri = uri;
        }

        @Override
        public void run() {
            while (!stop.get()) {
                try {
                    HttpResponse<String> r = internet.send(get(uri), HttpResponse.BodyHandlers.ofString());
                    (r.statusCode() == 200 ? ok : failures).add(java.time.Instant.now() + " " + r.statusCode() + " from "
                            + r.headers().firstValue("X-Server-Location").orElse("the edge") + " " + r.body());
                } catch (IOException e) {
                    failures.add(java.time.Instant.now() + " " + e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private static String firstItemId() throws Exception {
        return JSON.readTree(send(internet, get(citadel.edgeUri(ITEMS))).body()).get(0).path("id").asString();
    }

    private static JsonNode service(String name) throws IOException {
        JsonNode state = JSON.readTree(Files.readString(citadel.runDir().resolve("services-state.json")));
        for (JsonNode s : state.path("services")) {
            if (s.path("name").asString().equals(name)) {
                return s;
            }
        }
        throw new AssertionError("no service " + name + " in " + state);
    }

    private static long pidOf(String name) throws IOException {
        return service(name).path("pid").asLong();
    }

    private static String stateOf(String name) throws IOException {
        return service(name).path("state").asString();
    }

    static HttpRequest get(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(15)).GET().build();
    }

    static HttpResponse<String> send(HttpClient client, HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
