package dev.citadel.catalogapi.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.citadel.catalog.domain.CatalogItem;
import dev.citadel.catalog.store.CatalogStore;
import dev.citadel.catalogapi.CatalogApiApplication;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One {@code Idempotency-Key}, two different bodies, sent at the same instant to two catalog-api instances whose
 * sessions are pinned to the two Cassandra data centres (two stamps): exactly one body is stored, its request gets
 * the 2xx, the other gets 422, and both data centres end up holding the winner's content and nothing of the loser's.
 * A 503 is retried as its {@code Retry-After} tells a client to (same key, same body): the final outcome is what
 * counts, and how many 503s there were is printed with the cost figures.
 */
class ConcurrentKeyAcrossDataCentresIT {

    private static final String ITEMS = "/api/1.0/catalogitem";
    private static final int ROUNDS = 25;
    private static final int COMMENT_ROUNDS = 10;

    private static ApiEngines fixture;
    private static ConfigurableApplicationContext dc1App;
    private static ConfigurableApplicationContext dc2App;
    private static ApiClient dc1;
    private static ApiClient dc2;
    private static final Map<String, CqlSession> SESSIONS = new LinkedHashMap<>();
    private static final ExecutorService POOL = Executors.newFixedThreadPool(2);
    private static int serviceUnavailable;

    @BeforeAll
    static void twoStamps() {
        fixture = new ApiEngines();
        dc1App = start(fixture.properties("dc1", "api-dc1"));
        dc2App = start(fixture.properties("dc2", "api-dc2"));
        dc1 = new ApiClient(port(dc1App)).awaitReadiness();
        dc2 = new ApiClient(port(dc2App)).awaitReadiness();
        for (String dc : List.of("dc1", "dc2")) {
            SESSIONS.put(dc, fixture.engines.newCqlSession(dc));
        }
    }

    @AfterAll
    static void stop() {
        POOL.shutdownNow();
        SESSIONS.values().forEach(CqlSession::close);
        for (ConfigurableApplicationContext app : new ConfigurableApplicationContext[] {dc1App, dc2App}) {
            if (app != null) {
                app.close();
            }
        }
    }

    private static ConfigurableApplicationContext start(Map<String, String> properties) {
        Map<String, String> all = new LinkedHashMap<>(properties);
        all.put("server.port", "0");
        // Behaviour, not latency bounds: a loaded 2-core machine may take seconds for a send.
        all.put("citadel.catalog-api.kafka.ack-timeout", "20s");
        all.put("citadel.catalog-api.kafka.max-block", "10s");
        all.put("citadel.catalog-api.kafka.request-timeout", "10s");
        all.put("citadel.catalog-api.kafka.delivery-timeout", "30s");
        all.put("citadel.catalog-api.limits.request-deadline", "60s");
        all.put("citadel.catalog-api.cassandra.claim-async-keys", "true");
        // As arguments, not default properties: application.yml's secret placeholders would win over those.
        return new SpringApplicationBuilder(CatalogApiApplication.class)
                .run(all.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new));
    }

    private static int port(ConfigurableApplicationContext app) {
        return ((WebServerApplicationContext) app).getWebServer().getPort();
    }

    @Test
    void twoBodiesRacingOneKeyOnTwoStampsStoreExactlyOneAndTheOtherIsRefusedWith422() throws Exception {
        List<String> outcomes = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            String key = "race-" + round + "-" + UUID.randomUUID();
            String viaDc1 = body("Race " + round + " one", "sent to the dc1 stamp", "10.00");
            String viaDc2 = body("Race " + round + " two", "sent to the dc2 stamp", "20.00");

            HttpResponse<String>[] answers = race(
                    () -> createWithRetries(dc1, viaDc1, key), () -> createWithRetries(dc2, viaDc2, key));

            int[] statuses = {answers[0].statusCode(), answers[1].statusCode()};
            assertThat(Arrays.stream(statuses).sorted().toArray()).as("round %d: %s / %s", round,
                    answers[0].body(), answers[1].body()).containsExactly(201, 422);
            HttpResponse<String> loser = statuses[0] == 422 ? answers[0] : answers[1];
            assertThat(loser.headers().firstValue("Content-Type")).contains("application/problem+json");
            assertThat(loser.body()).contains("https://citadel.dev/problems/idempotency-key-reused");

            boolean dc1Won = statuses[0] == 201;
            String winnerName = "Race " + round + (dc1Won ? " one" : " two");
            String winnerDescription = dc1Won ? "sent to the dc1 stamp" : "sent to the dc2 stamp";
            UUID id = UUID.fromString(ApiClient.idOf(answers[dc1Won ? 0 : 1].headers().firstValue("Location")
                    .orElseThrow()));
            assertThat(answers[dc1Won ? 0 : 1].body()).contains(winnerName, winnerDescription);
            outcomes.add(dc1Won ? "dc1" : "dc2");

            assertBothDataCentresHoldOnly(id, winnerName, winnerDescription);
            // And either stamp, asked again with the loser's body, still refuses it; the winner's is replayed.
            String loserBody = dc1Won ? viaDc2 : viaDc1;
            assertThat(createWithRetries(dc1, loserBody, key).statusCode()).isEqualTo(422);
            assertThat(createWithRetries(dc2, loserBody, key).statusCode()).isEqualTo(422);
            HttpResponse<String> replay = createWithRetries(dc2, dc1Won ? viaDc1 : viaDc2, key);
            assertThat(replay.statusCode()).isEqualTo(201);
            assertThat(replay.body()).contains(winnerDescription);
        }
        System.out.printf("two-stamp key race: %d rounds, winners %s, 503s retried %d%n", ROUNDS, outcomes,
                serviceUnavailable);
    }

    /** With {@code cassandra.claim-async-keys} on (as these instances run): the async accept path claims too. */
    @Test
    void twoTextsRacingOneCommentKeyOnTwoStampsPublishExactlyOne() throws Exception {
        String item = dc1.createItem("Comment race lamp " + UUID.randomUUID(), null);
        String comments = ITEMS + "/" + item + "/comments";
        // The item must be readable in both data centres before either stamp can accept a comment on it.
        CatalogStore viaDc2 = new CatalogStore(SESSIONS.get("dc2"), fixture.keyspace, Duration.ofSeconds(30));
        await().atMost(Duration.ofSeconds(30)).until(() -> viaDc2.itemExists(UUID.fromString(item)));
        for (int round = 0; round < COMMENT_ROUNDS; round++) {
            String key = "comment-race-" + round + "-" + UUID.randomUUID();
            String one = "{\"authorName\":\"Ann\",\"text\":\"one " + round + "\"}";
            String two = "{\"authorName\":\"Ann\",\"text\":\"two " + round + "\"}";

            HttpResponse<String>[] answers = race(() -> postWithRetries(dc1, comments, one, key),
                    () -> postWithRetries(dc2, comments, two, key));

            int[] statuses = {answers[0].statusCode(), answers[1].statusCode()};
            assertThat(Arrays.stream(statuses).sorted().toArray()).as("round %d: %s / %s", round,
                    answers[0].body(), answers[1].body()).containsExactly(202, 422);
        }
        // Only the winners were published: one record per key, never the refused text.
        long published = fixture.recordsFor(item).stream().filter(r -> new String(r.value()).contains("CommentAdded"))
                .count();
        assertThat(published).isEqualTo(COMMENT_ROUNDS);
    }

    @Test
    void whatTheClaimCostsOnTheWritePath() throws Exception {
        int n = 40;
        long[] plain = new long[n];
        long[] keyed = new long[n];
        for (int i = 0; i < n; i++) {
            String body = body("Cost " + i + " " + UUID.randomUUID(), "d", "1.00");
            long t0 = System.nanoTime();
            assertThat(dc1.send("POST", ITEMS, body, "X-API-KEY", ApiEngines.API_KEY).statusCode()).isEqualTo(201);
            plain[i] = System.nanoTime() - t0;
            String keyedBody = body("Cost keyed " + i + " " + UUID.randomUUID(), "d", "1.00");
            long t1 = System.nanoTime();
            assertThat(dc1.send("POST", ITEMS, keyedBody, "X-API-KEY", ApiEngines.API_KEY,
                    "Idempotency-Key", UUID.randomUUID().toString()).statusCode()).isEqualTo(201);
            keyed[i] = System.nanoTime() - t1;
        }
        Arrays.sort(plain);
        Arrays.sort(keyed);
        System.out.printf("item create, %d each, p50/p90 ms: unkeyed %.1f/%.1f, keyed (read + SERIAL claim + write)"
                + " %.1f/%.1f%n", n, plain[n / 2] / 1e6, plain[n * 9 / 10] / 1e6, keyed[n / 2] / 1e6,
                keyed[n * 9 / 10] / 1e6);
    }

    private static void assertBothDataCentresHoldOnly(UUID id, String name, String description) {
        for (String dc : List.of("dc1", "dc2")) {
            CatalogStore store = new CatalogStore(SESSIONS.get(dc), fixture.keyspace, Duration.ofSeconds(30));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                Optional<CatalogItem> stored = store.findItem(id);
                assertThat(stored).as(dc).hasValueSatisfying(i -> {
                    assertThat(i.name()).isEqualTo(name);
                    assertThat(i.description()).isEqualTo(description);
                });
            });
            // Nothing half-written by the loser: the name listing holds one row for the id, the winner's.
            List<CatalogItem> listed = store.listItems(1000, null).items().stream()
                    .filter(i -> i.id().equals(id)).toList();
            assertThat(listed).as(dc).singleElement().satisfies(i -> assertThat(i.name()).isEqualTo(name));
        }
    }

    @SuppressWarnings("unchecked")
    private static HttpResponse<String>[] race(Call first, Call second) throws Exception {
        CyclicBarrier start = new CyclicBarrier(2);
        Future<HttpResponse<String>> a = POOL.submit(() -> {
            start.await();
            return first.call();
        });
        Future<HttpResponse<String>> b = POOL.submit(() -> {
            start.await();
            return second.call();
        });
        return new HttpResponse[] {a.get(), b.get()};
    }

    @FunctionalInterface
    private interface Call {
        HttpResponse<String> call() throws Exception;
    }

    private static HttpResponse<String> createWithRetries(ApiClient api, String body, String key) throws Exception {
        return withRetries(() -> api.send("POST", ITEMS, body, "X-API-KEY", ApiEngines.API_KEY,
                "Idempotency-Key", key));
    }

    private static HttpResponse<String> postWithRetries(ApiClient api, String path, String body, String key)
            throws Exception {
        return withRetries(() -> api.send("POST", path, body, "Idempotency-Key", key));
    }

    /** What a client does with a 503: waits {@code Retry-After} and sends the same request again. */
    private static HttpResponse<String> withRetries(Call call) throws Exception {
        HttpResponse<String> answer = call.call();
        for (int attempt = 1; answer.statusCode() == 503 && attempt < 5; attempt++) {
            synchronized (ConcurrentKeyAcrossDataCentresIT.class) {
                serviceUnavailable++;
            }
            Thread.sleep(1000L * Long.parseLong(answer.headers().firstValue("Retry-After").orElse("1")));
            answer = call.call();
        }
        return answer;
    }

    private static String body(String name, String description, String price) {
        return "{\"name\":\"" + name + "\",\"description\":\"" + description + "\",\"price\":" + price + "}";
    }
}
