package dev.citadel.catalogapi.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.citadel.catalog.domain.Comment;
import dev.citadel.catalog.domain.Rating;
import dev.citadel.catalog.event.CatalogEvent;
import dev.citadel.catalog.event.CommentAdded;
import dev.citadel.catalog.event.EventCodec;
import dev.citadel.catalog.store.CatalogStore;
import dev.citadel.catalogapi.CatalogApiApplication;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * catalog-api in-process on a random port against real Cassandra (two DCs) and real Kafka, with its own
 * least-privilege Cassandra role and Kafka user, and item images fetched through a loopback forward proxy.
 */
@SpringBootTest(classes = CatalogApiApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CatalogApiIT {

    private static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";
    private static ApiEngines fixture;
    private static LoopbackImages images;

    @LocalServerPort
    int port;

    private ApiClient api;

    @DynamicPropertySource
    static void engines(DynamicPropertyRegistry registry) throws Exception {
        fixture = new ApiEngines();
        images = new LoopbackImages();
        fixture.properties().forEach((k, v) -> registry.add(k, () -> v));
        // This class tests behaviour, not the 2 s bound (KafkaOutageIT does): on a loaded 2-core machine a send may
        // take seconds, so give the ack wait room here.
        registry.add("citadel.catalog-api.kafka.ack-timeout", () -> "20s");
        registry.add("citadel.catalog-api.kafka.max-block", () -> "10s");
        registry.add("citadel.catalog-api.kafka.request-timeout", () -> "10s");
        registry.add("citadel.catalog-api.kafka.delivery-timeout", () -> "30s");
        registry.add("citadel.catalog-api.images.proxy-host", () -> "127.0.0.1");
        registry.add("citadel.catalog-api.images.proxy-port", () -> images.proxyPort());
    }

    @AfterAll
    static void stopImages() {
        if (images != null) {
            images.close();
        }
    }

    @BeforeEach
    void awaitReadiness() {
        api = new ApiClient(port).awaitReadiness();
    }

    private HttpResponse<String> send(String method, String path, String body, String... headers) throws Exception {
        return api.send(method, path, body, headers);
    }

    private String createItem(String name, String imageUrl) throws Exception {
        return api.createItem(name, imageUrl);
    }

    @Test
    void createsAnItemWhoseImageIsFetchedThroughTheProxyAndServedWithCaching() throws Exception {
        int before = images.proxied();
        String id = createItem("Proxy lamp", images.url("/lamp.png"));
        assertThat(images.proxied()).isGreaterThan(before);

        HttpResponse<String> item = send("GET", "/api/1.0/catalogitem/" + id, null);
        assertThat(item.statusCode()).isEqualTo(200);
        assertThat(item.body()).contains("\"name\":\"Proxy lamp\"", "\"description\":\"d\"", "\"price\":9.99");
        assertThat(item.headers().firstValue("X-Server-Name")).contains("api-it-1");
        assertThat(item.headers().firstValue("X-Server-Location")).contains("it-region");

        HttpResponse<byte[]> image = api.http().send(HttpRequest.newBuilder(
                api.uri("/images/" + id)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(image.statusCode()).isEqualTo(200);
        assertThat(image.body()).isEqualTo(LoopbackImages.PNG);
        assertThat(image.headers().firstValue("Content-Type")).contains("image/png");
        assertThat(image.headers().firstValue("Cache-Control")).hasValueSatisfying(v -> assertThat(v).contains("max-age"));
        String etag = image.headers().firstValue("ETag").orElseThrow();

        HttpResponse<String> notModified = send("GET", "/images/" + id, null, "If-None-Match", etag);
        assertThat(notModified.statusCode()).isEqualTo(304);
    }

    @Test
    void refusesAnItemWhoseImageIsNotAnImageAndWritesNothing() throws Exception {
        String name = "Not an image " + UUID.randomUUID();
        HttpResponse<String> r = send("POST", "/api/1.0/catalogitem",
                "{\"name\":\"" + name + "\",\"price\":1,\"imageUrl\":\"" + images.url("/page.html") + "\"}",
                "X-API-KEY", ApiEngines.API_KEY);
        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(r.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(send("GET", "/api/1.0/catalogitem?limit=1000", null).body()).doesNotContain(name);
    }

    @Test
    void updatesListsAndReports404ForMissingItems() throws Exception {
        String id = createItem("Aardvark lamp", null);
        HttpResponse<String> updated = send("PUT", "/api/1.0/catalogitem/" + id,
                "{\"name\":\"Aardvark lamp v2\",\"price\":10.00}", "X-API-KEY", "it-key-2");
        assertThat(updated.statusCode()).as(updated.body()).isEqualTo(200);
        assertThat(send("GET", "/api/1.0/catalogitem/" + id, null).body()).contains("Aardvark lamp v2");

        HttpResponse<String> list = send("GET", "/api/1.0/catalogitem?limit=1000", null);
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains("Aardvark lamp v2").doesNotContain("\"description\"");

        assertThat(send("GET", "/api/1.0/catalogitem/" + UUID.randomUUID(), null).statusCode()).isEqualTo(404);
        assertThat(send("PUT", "/api/1.0/catalogitem/" + UUID.randomUUID(), "{\"name\":\"x\",\"price\":1}",
                "X-API-KEY", ApiEngines.API_KEY).statusCode()).isEqualTo(404);
        assertThat(send("POST", "/api/1.0/catalogitem/" + UUID.randomUUID() + "/comments",
                "{\"authorName\":\"a\",\"text\":\"b\"}").statusCode()).isEqualTo(404);
    }

    @Test
    void acceptsACommentOnlyOnceItIsInKafkaWithKeyAndHeaders() throws Exception {
        String id = createItem("Kafka lamp", null);
        HttpResponse<String> r = send("POST", "/api/1.0/catalogitem/" + id + "/comments",
                "{\"authorName\":\"Ann\",\"text\":\"Lovely\"}",
                "traceparent", "00-" + TRACE_ID + "-b7ad6b7169203331-01", "X-TEST-DATA", "true");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        assertThat(r.headers().firstValue("X-Correlation-ID")).contains(TRACE_ID);
        String location = r.headers().firstValue("Location").orElseThrow();
        String commentId = location.substring(location.lastIndexOf('/') + 1);

        ConsumerRecord<String, byte[]> record = awaitRecord(id, commentId);
        assertThat(record.key()).isEqualTo(id);
        assertThat(header(record, "event-type")).isEqualTo("CommentAdded");
        assertThat(header(record, "traceparent")).startsWith("00-" + TRACE_ID + "-");
        assertThat(Long.parseLong(header(record, "accepted-at"))).isPositive();
        CatalogEvent event = new EventCodec().decode(record.value());
        assertThat(event).isInstanceOfSatisfying(CommentAdded.class, c -> {
            assertThat(c.comment().text()).isEqualTo("Lovely");
            assertThat(c.ttlSeconds()).isEqualTo(30);
        });
    }

    @Test
    void acceptsRatingsAndDeletesAsKafkaRecords() throws Exception {
        String id = createItem("Rated lamp", null);
        HttpResponse<String> rating = send("POST", "/api/1.0/catalogitem/" + id + "/ratings", "{\"rating\":4}");
        assertThat(rating.statusCode()).as(rating.body()).isEqualTo(202);
        String ratingId = rating.headers().firstValue("Location").orElseThrow().replaceAll(".*/", "");
        assertThat(send("DELETE", "/api/1.0/catalogitem/" + id + "/ratings/" + ratingId, null,
                "X-API-KEY", ApiEngines.API_KEY).statusCode()).isEqualTo(202);
        assertThat(send("DELETE", "/api/1.0/catalogitem/" + id + "/comments/" + UUID.randomUUID(), null,
                "X-API-KEY", ApiEngines.API_KEY).statusCode()).isEqualTo(202);
        assertThat(send("DELETE", "/api/1.0/catalogitem/" + id, null, "X-API-KEY", ApiEngines.API_KEY).statusCode())
                .isEqualTo(202);
        assertThat(send("DELETE", "/api/1.0/catalogitem/" + id, null).statusCode()).isEqualTo(401);

        List<String> types = recordsFor(id).stream().map(r -> header(r, "event-type")).toList();
        assertThat(types).contains("RatingAdded", "RatingDeleted", "CommentDeleted", "ItemDeleted");
    }

    @Test
    void readsCommentsRatingsAndTheSummaryWrittenByTheProcessorPath() throws Exception {
        String id = createItem("Read lamp", null);
        UUID itemId = UUID.fromString(id);
        Comment comment = new Comment(UUID.randomUUID(), itemId, "Bob", "Stored", Instant.now());
        Rating rating = new Rating(UUID.randomUUID(), itemId, 5, Instant.now());
        try (CqlSession admin = fixture.engines.newCqlSession("dc1")) {
            CatalogStore store = new CatalogStore(admin, fixture.keyspace, Duration.ofSeconds(30));
            store.addComment(comment, System.currentTimeMillis(), 0);
            store.addRating(rating, System.currentTimeMillis(), 0);
            store.addRating(new Rating(UUID.randomUUID(), itemId, 2, Instant.now()), System.currentTimeMillis(), 0);
        }
        String base = "/api/1.0/catalogitem/" + id;
        assertThat(send("GET", base + "/comments", null).body()).contains("Stored");
        assertThat(send("GET", base + "/comments/" + comment.id(), null).statusCode()).isEqualTo(200);
        assertThat(send("GET", base + "/comments/" + UUID.randomUUID(), null).statusCode()).isEqualTo(404);
        assertThat(send("GET", base + "/ratings/" + rating.id(), null).body()).contains("\"rating\":5");
        assertThat(send("GET", base + "/ratings/" + UUID.randomUUID(), null).statusCode()).isEqualTo(404);
        assertThat(send("GET", base + "/ratings", null).body())
                .contains("\"averageRating\":3.5", "\"numberOfVotes\":2");
    }

    /**
     * GET item is served from a short-lived cache (item-max-age, 250 ms by default): changes made elsewhere (votes and
     * deletes applied by the processor, updates through another stamp) show within it; a write through this
     * instance shows at once.
     */
    @Test
    void getItemShowsOwnWritesAtOnceAndOtherChangesWithinTheItemMaxAge() throws Exception {
        String id = createItem("Cached lamp", null);
        UUID itemId = UUID.fromString(id);
        String path = "/api/1.0/catalogitem/" + id;
        assertThat(send("GET", path, null).body()).contains("\"numberOfVotes\":0");

        assertThat(send("PUT", path, "{\"name\":\"Renamed lamp\",\"description\":\"d\",\"price\":9.99}",
                "X-API-KEY", ApiEngines.API_KEY).statusCode()).isEqualTo(200);
        assertThat(send("GET", path, null).body()).contains("Renamed lamp");

        try (CqlSession admin = fixture.engines.newCqlSession("dc1")) {
            CatalogStore store = new CatalogStore(admin, fixture.keyspace, Duration.ofSeconds(30));
            store.addRating(new Rating(UUID.randomUUID(), itemId, 4, Instant.now()), System.currentTimeMillis(), 0);
            long stored = System.nanoTime();
            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20)).untilAsserted(() ->
                    assertThat(send("GET", path, null).body()).contains("\"numberOfVotes\":1",
                            "\"averageRating\":4.0"));
            // 250 ms of cache plus the poll and a loaded machine's request time: well under the 1 s visibility target.
            assertThat(Duration.ofNanos(System.nanoTime() - stored)).isLessThan(Duration.ofSeconds(1));

            store.deleteItem(itemId, System.currentTimeMillis());
            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20)).untilAsserted(() ->
                    assertThat(send("GET", path, null).statusCode()).isEqualTo(404));
        }
    }

    @Test
    void pagesCommentsNewestFirstWithAContinuationTokenAndRefusesATokenOfAnotherListing() throws Exception {
        UUID itemId = UUID.fromString(createItem("Paged lamp", null));
        UUID otherId = UUID.fromString(createItem("Other paged lamp", null));
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        try (CqlSession admin = fixture.engines.newCqlSession("dc1")) {
            CatalogStore store = new CatalogStore(admin, fixture.keyspace, Duration.ofSeconds(30));
            for (int i = 0; i < 3; i++) {
                store.addComment(new Comment(UUID.randomUUID(), itemId, "Ann", "c" + i, t0.plusSeconds(i)),
                        System.currentTimeMillis(), 0);
            }
        }
        String base = "/api/1.0/catalogitem/" + itemId + "/comments";

        HttpResponse<String> first = send("GET", base + "?limit=2", null);
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).contains("\"c2\"", "\"c1\"").doesNotContain("\"c0\"");
        assertThat(first.body().indexOf("\"c2\"")).isLessThan(first.body().indexOf("\"c1\""));
        String token = first.headers().firstValue("X-Continuation-Token").orElseThrow();

        HttpResponse<String> second = send("GET", base + "?limit=2&continuationToken=" + token, null);
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(second.body()).contains("\"c0\"").doesNotContain("\"c1\"");
        assertThat(second.headers().firstValue("X-Continuation-Token")).isEmpty();

        for (String bad : List.of("/api/1.0/catalogitem/" + otherId + "/comments?limit=2&continuationToken=" + token,
                base + "?continuationToken=AAAA", base + "?continuationToken=%27%3B%20DROP")) {
            HttpResponse<String> refused = send("GET", bad, null);
            assertThat(refused.statusCode()).as(bad).isEqualTo(400);
            assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(refused.body()).contains("https://citadel.dev/problems/invalid-parameter");
        }
    }

    @Test
    void reportsReadinessLivenessMetricsAndOpenApi() throws Exception {
        HttpResponse<String> ready = send("GET", "/actuator/health/readiness", null);
        assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
        assertThat(send("GET", "/actuator/health/liveness", null).statusCode()).isEqualTo(200);
        send("POST", "/api/1.0/catalogitem/" + createItem("Metric lamp", null) + "/ratings", "{\"rating\":3}");
        assertThat(send("GET", "/actuator/prometheus", null).body())
                .contains("citadel_catalogapi_async_writes_total{", "outcome=\"accepted\"");
        HttpResponse<String> docs = send("GET", "/v3/api-docs", null);
        assertThat(docs.statusCode()).isEqualTo(200);
        assertThat(docs.body()).contains("/api/{version}/catalogitem", "\"422\"", "\"503\"", "application/problem+json");
        assertThat(send("GET", "/swagger-ui.html", null).statusCode()).isIn(200, 302);
    }

    @Test
    void answersABadRequestLineWithProblemJsonNotAContainerPage() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write("GET /api/1.0/catalog{item} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            String response = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.ISO_8859_1)).lines().collect(Collectors.joining("\n"));
            assertThat(response).startsWith("HTTP/1.1 400");
            assertThat(response).containsIgnoringCase("content-type: application/problem+json")
                    .containsIgnoringCase("x-server-location: it-region").containsIgnoringCase("x-correlation-id: ")
                    .doesNotContainIgnoringCase("<html").doesNotContain("Tomcat", "Exception");
        }
    }

    private ConsumerRecord<String, byte[]> awaitRecord(String key, String contains) {
        List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            found.clear();
            recordsFor(key).stream()
                    .filter(r -> new String(r.value(), StandardCharsets.UTF_8).contains(contains))
                    .forEach(found::add);
            return !found.isEmpty();
        });
        return found.get(0);
    }

    private List<ConsumerRecord<String, byte[]>> recordsFor(String key) {
        return fixture.recordsFor(key);
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        var h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
