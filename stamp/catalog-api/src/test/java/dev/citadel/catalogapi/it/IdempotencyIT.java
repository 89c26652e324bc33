package dev.citadel.catalogapi.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.citadel.catalogapi.CatalogApiApplication;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two catalog-api instances, one per data centre of the real two-DC Cassandra cluster — two stamps in two regions,
 * as production runs them — and the same {@code Idempotency-Key} sent to both: one item is stored, and the second
 * answer is the replay of the first.
 */
class IdempotencyIT {

    private static final String KEY_HEADER = "Idempotency-Key";
    private static final String REPLAYED = "Idempotent-Replayed";
    private static ConfigurableApplicationContext stampA;
    private static ConfigurableApplicationContext stampB;
    private static String baseA;
    private static String baseB;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @BeforeAll
    static void startTwoStamps() {
        ApiEngines fixture = new ApiEngines();
        String dc2 = fixture.engines.cassandra().contactPoints("dc2").stream()
                .map(IdempotencyIT::hostPort).collect(Collectors.joining(","));
        stampA = start(fixture.properties(), Map.of("citadel.catalog-api.region", "region-a",
                "citadel.catalog-api.server-name", "api-a"));
        stampB = start(fixture.properties(), Map.of("citadel.catalog-api.region", "region-b",
                "citadel.catalog-api.server-name", "api-b",
                "citadel.catalog-api.cassandra.contact-points", dc2,
                "citadel.catalog-api.cassandra.local-dc", "dc2"));
        baseA = "http://127.0.0.1:" + stampA.getEnvironment().getProperty("local.server.port");
        baseB = "http://127.0.0.1:" + stampB.getEnvironment().getProperty("local.server.port");
    }

    @AfterAll
    static void stop() {
        for (ConfigurableApplicationContext stamp : new ConfigurableApplicationContext[] {stampA, stampB}) {
            if (stamp != null) {
                stamp.close();
            }
        }
    }

    private static ConfigurableApplicationContext start(Map<String, String> common, Map<String, String> own) {
        List<String> args = new ArrayList<>();
        common.forEach((k, v) -> args.add("--" + k + "=" + own.getOrDefault(k, v)));
        own.forEach((k, v) -> {
            if (!common.containsKey(k)) {
                args.add("--" + k + "=" + v);
            }
        });
        args.add("--server.port=0");
        // Behaviour, not the production ack bound (KafkaOutageIT checks that): a loaded machine may take seconds.
        args.add("--citadel.catalog-api.kafka.ack-timeout=20s");
        args.add("--citadel.catalog-api.kafka.max-block=10s");
        args.add("--citadel.catalog-api.kafka.request-timeout=10s");
        args.add("--citadel.catalog-api.kafka.delivery-timeout=30s");
        return new SpringApplicationBuilder(CatalogApiApplication.class).run(args.toArray(String[]::new));
    }

    @Test
    void theSameKeyPostedToTwoStampsStoresOneItemAndTheSecondAnswerIsTheFirstReplayed() throws Exception {
        String key = UUID.randomUUID().toString();
        String name = "Idem lamp " + key;
        String body = "{\"name\":\"" + name + "\",\"price\":3.50}";

        HttpResponse<String> first = postItem(baseA, key, body);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        assertThat(first.headers().firstValue(REPLAYED)).isEmpty();
        assertThat(first.headers().firstValue("X-Server-Location")).contains("region-a");

        HttpResponse<String> second = postItem(baseB, key, body);
        assertThat(second.statusCode()).as(second.body()).isEqualTo(201);
        assertThat(second.headers().firstValue(REPLAYED)).contains("true");
        assertThat(second.headers().firstValue("X-Server-Location")).contains("region-b");
        assertThat(second.headers().firstValue("Location")).isEqualTo(first.headers().firstValue("Location"));
        assertThat(second.body()).isEqualTo(first.body());

        assertThat(itemsNamed(baseB, name)).as("items stored, read in region b").isEqualTo(1);
        assertThat(itemsNamed(baseA, name)).as("items stored, read in region a").isEqualTo(1);
        HttpResponse<String> stored = send(baseB, "GET", first.headers().firstValue("Location").orElseThrow(), null);
        assertThat(stored.statusCode()).isEqualTo(200);
        assertThat(stored.body()).contains(name);

        // An async write: the recorded answer is the 202 with its Location.
        String comments = first.headers().firstValue("Location").orElseThrow() + "/comments";
        String comment = "{\"authorName\":\"Ann\",\"text\":\"once\"}";
        String commentKey = UUID.randomUUID().toString();
        HttpResponse<String> accepted = send(baseA, "POST", comments, comment, KEY_HEADER, commentKey);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        HttpResponse<String> acceptedAgain = send(baseB, "POST", comments, comment, KEY_HEADER, commentKey);
        assertThat(acceptedAgain.statusCode()).isEqualTo(202);
        assertThat(acceptedAgain.headers().firstValue(REPLAYED)).contains("true");
        assertThat(acceptedAgain.headers().firstValue("Location")).isEqualTo(accepted.headers().firstValue("Location"));
    }

    @Test
    void theSameKeyWithADifferentBodyIsRefusedInTheOtherStamp() throws Exception {
        String key = UUID.randomUUID().toString();
        HttpResponse<String> first = postItem(baseA, key, "{\"name\":\"Idem chair " + key + "\",\"price\":1}");
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);

        HttpResponse<String> changed = postItem(baseB, key, "{\"name\":\"Idem chair " + key + "\",\"price\":2}");
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(422);
        assertThat(changed.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(changed.body()).contains("https://citadel.dev/problems/idempotency-key-reused");
        assertThat(itemsNamed(baseA, "Idem chair " + key)).isEqualTo(1);
    }

    @Test
    void theSameKeyPostedToBothStampsAtOnceRunsOnce() throws Exception {
        for (int round = 0; round < 3; round++) {
            String key = UUID.randomUUID().toString();
            String name = "Idem race " + key;
            String body = "{\"name\":\"" + name + "\",\"price\":1}";
            CompletableFuture<HttpResponse<String>> a = CompletableFuture.supplyAsync(() -> postQuietly(baseA, key, body));
            CompletableFuture<HttpResponse<String>> b = CompletableFuture.supplyAsync(() -> postQuietly(baseB, key, body));
            List<HttpResponse<String>> answers = List.of(a.join(), b.join());
            System.out.println("IdempotencyIT race " + round + ": " + answers.stream().map(IdempotencyIT::describe)
                    .collect(Collectors.joining(" + ")));
            List<HttpResponse<String>> fresh = answers.stream()
                    .filter(r -> r.statusCode() == 201 && r.headers().firstValue(REPLAYED).isEmpty()).toList();
            assertThat(fresh).as("requests that ran").hasSizeLessThanOrEqualTo(1);
            for (HttpResponse<String> r : answers) {
                if (r.statusCode() == 409 || r.statusCode() == 503) {
                    // In flight, or Paxos contention left the claim's outcome unknown: nothing ran, retry later.
                    assertThat(r.headers().firstValue("Retry-After")).as(r.body()).isPresent();
                } else {
                    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
                }
            }
            // Retried as told, the loser gets the winner's answer (or, if neither won, the retry runs it once).
            HttpResponse<String> retried = postItem(baseB, key, body);
            for (int i = 0; i < 30 && (retried.statusCode() == 409 || retried.statusCode() == 503); i++) {
                Thread.sleep(1000);
                retried = postItem(baseB, key, body);
            }
            assertThat(retried.statusCode()).as(retried.body()).isEqualTo(201);
            if (!fresh.isEmpty()) {
                assertThat(retried.headers().firstValue(REPLAYED)).contains("true");
                assertThat(retried.headers().firstValue("Location"))
                        .isEqualTo(fresh.get(0).headers().firstValue("Location"));
            }
            assertThat(itemsNamed(baseA, name)).isEqualTo(1);
        }
    }

    private static String describe(HttpResponse<String> r) {
        return r.statusCode() + r.headers().firstValue(REPLAYED).map(v -> " replayed").orElse("");
    }

    private HttpResponse<String> postQuietly(String base, String key, String body) {
        try {
            return postItem(base, key, body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> postItem(String base, String key, String body) throws Exception {
        return send(base, "POST", "/api/1.0/catalogitem", body, "X-API-KEY", ApiEngines.API_KEY, KEY_HEADER, key);
    }

    private long itemsNamed(String base, String name) throws Exception {
        HttpResponse<String> list = send(base, "GET", "/api/1.0/catalogitem?limit=1000", null);
        assertThat(list.statusCode()).isEqualTo(200);
        Matcher m = Pattern.compile("\"name\":\"" + Pattern.quote(name) + "\"").matcher(list.body());
        long n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    private HttpResponse<String> send(String base, String method, String path, String body, String... headers)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String hostPort(InetSocketAddress a) {
        return a.getAddress().getHostAddress() + ":" + a.getPort();
    }
}
