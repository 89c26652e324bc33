package dev.citadel.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The health model (CITADEL.md §5) on the REAL services of the topology the CLI started: the scraper's series names
 * match what catalog-api (requests, egress) and background-processor export; a frozen processor's Kafka backlog
 * turns its stamp red (503) and back; real catalog-api 5xx (its broker frozen) turn the failure signal red; real image
 * fetches that cannot get out turn the egress signal red. Each stamp's model is read through the edge with
 * {@code X-Citadel-Stamp} (pinned to that stamp, healthy or not); writes that must land in one stamp go to its
 * catalog-api directly with the edge's client certificate and id (the edge spreads writes). Processes are frozen with
 * SIGSTOP (the supervisor sees them alive and leaves them) and always resumed with SIGCONT; the class ends only when
 * both stamps answer 200 again, so the classes after it find a healthy system.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HealthModelIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String ITEMS = "/api/1.0/catalogitem";
    private static final String STAMP = "region2";
    /** health-service's defaults in the topology: one round every 10 s, rates over 1 min, lag over two rounds. */
    private static final Duration INTERVAL = Duration.ofSeconds(10);
    /** §5 red lines. */
    private static final double LAG_RED = 10;
    private static final double API_FAILURES_RED = 50;

    private static RunningCitadel citadel;
    private static HttpClient internet;
    private static HttpClient edge;
    private static String itemId;
    private static final List<Long> frozen = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void startTheWholeSystem() throws Exception {
        citadel = RunningCitadel.get();
        internet = HttpClient.newBuilder().sslContext(citadel.sslContext()).connectTimeout(Duration.ofSeconds(5)).build();
        edge = HttpClient.newBuilder().sslContext(citadel.edgeClientSslContext())
                .connectTimeout(Duration.ofSeconds(5)).build();
        awaitBothStampsHealthy(Duration.ofMinutes(5));
        itemId = JSON.readTree(send(internet, get(citadel.edgeUri(ITEMS))).body()).get(0).path("id").asString();
    }

    @AfterAll
    static void resumeEverythingAndLeaveTheSystemHealthy() {
        synchronized (frozen) {
            frozen.forEach(pid -> signal("CONT", pid));
            frozen.clear();
        }
        if (citadel != null) {
            // A stamp's failures age out of the one-minute window before it answers 200 again.
            awaitBothStampsHealthy(Duration.ofMinutes(6));
        }
    }

    @Test
    @Order(1)
    void showsRealRequestAndEnqueueToStoredSignalsOfEveryStampAfterTrafficThroughTheEdge() {
        // Keep real traffic flowing through the edge (which spreads it over both stamps) until every stamp's model
        // has windowed values: a null value means the scraper found no matching series, the gap this closes.
        await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            trafficThroughTheEdge();
            for (String region : citadel.regions()) {
                JsonNode model = model(region);
                JsonNode api = component(model, "catalog-api");
                assertThat(api.path("status").asString()).as(region + " catalog-api: " + api).isNotEqualTo("unknown");
                assertThat(signalValue(api, "failed-requests-per-minute")).as(region + ": " + api)
                        .isNotNull().isGreaterThanOrEqualTo(0);
                assertThat(signalValue(api, "mean-latency-ms")).as(region + ": " + api).isNotNull().isPositive();
                JsonNode processor = component(model, "background-processor");
                assertThat(signalValue(processor, "enqueue-to-stored-ms")).as(region + ": " + processor)
                        .isNotNull().isPositive();
                assertThat(signalValue(processor, "processing-ms")).as(region + ": " + processor).isNotNull();
                // catalog-api exports its egress counter from startup (at 0): the egress signal is measured, green.
                JsonNode egress = component(model, "egress");
                assertThat(signalValue(egress, "failures-per-minute")).as(region + ": " + egress).isNotNull()
                        .isGreaterThanOrEqualTo(0);
                assertThat(egress.path("status").asString()).as(region + ": " + egress).isEqualTo("green");
            }
        });
        for (String region : citadel.regions()) {
            JsonNode model = model(region);
            System.out.printf("%s model: catalog-api %s, background-processor %s, egress %s%n", region,
                    component(model, "catalog-api").path("signals"), component(model, "background-processor")
                            .path("signals"), component(model, "egress").path("signals"));
        }
    }

    @Test
    @Order(2)
    void aFrozenProcessorsBacklogTurnsItsStampRedUntilItResumes() throws Exception {
        // Start from a green stamp, so the 503 below is the lag's: on this busy machine the traffic of the test
        // before leaves the processor's own latencies red until it ages out of the window.
        awaitStampHealthy(STAMP, Duration.ofMinutes(4));
        long processor = servicePid("background-processor-" + STAMP);
        freeze(processor);
        long overRedLineAt;
        JsonNode lag;
        try {
            // Each accepted comment is a record the frozen group does not consume (health probes add one a round).
            for (int i = 0; i < 2 * LAG_RED; i++) {
                HttpResponse<String> accepted = postCommentDirectly();
                assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
            }
            overRedLineAt = System.nanoTime();
            // The lag is judged on the lower of two consecutive rounds: red within two intervals of the backlog
            // crossing the line (printed below); the bound has slack for a starved machine.
            await().atMost(INTERVAL.multipliedBy(2).plus(Duration.ofMinutes(2)))
                    .pollInterval(Duration.ofSeconds(1)).until(() -> stampStatus(STAMP) == 503
                            && "red".equals(signal(component(model(STAMP), "kafka"), "lag").path("status").asString()));
            long toRed = millisSince(overRedLineAt);
            lag = signal(component(model(STAMP), "kafka"), "lag");
            System.out.printf("lag over the red line -> %s 503 after %d ms (rounds of %s); lag signal %s%n",
                    STAMP, toRed, INTERVAL, lag);
            assertThat(lag.path("status").asString()).as(lag.toString()).isEqualTo("red");
            assertThat(lag.path("value").asDouble()).as(lag.toString()).isGreaterThanOrEqualTo(LAG_RED);
            assertThat(processAlive(processor)).as("the supervisor left the frozen processor alone").isTrue();
        } finally {
            resume(processor);
        }
        long resumedAt = System.nanoTime();
        // The resumed processor stores the backlog late, so its enqueue-to-stored is red for one more window.
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(1)).until(() -> stampStatus(STAMP) == 200);
        JsonNode after = signal(component(model(STAMP), "kafka"), "lag");
        System.out.printf("processor resumed -> %s 200 after %d ms; lag signal %s%n", STAMP, millisSince(resumedAt),
                after);
        assertThat(after.path("status").asString()).as(after.toString()).isEqualTo("green");
        assertThat(servicePid("background-processor-" + STAMP)).as("not restarted").isEqualTo(processor);
    }

    @Test
    @Order(3)
    void realCatalogApiFailuresUnderAFrozenBrokerTurnItsFailureSignalRed() throws Exception {
        long broker = enginePid("kafka-" + STAMP);
        List<String> without = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger unavailable = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService clients = Executors.newFixedThreadPool(8);
        freeze(broker);
        long frozenAt = System.nanoTime();
        JsonNode failures;
        try {
            // Each comment now waits for the frozen broker's ack up to catalog-api's bound, then answers 503: eight
            // clients cross 50 per minute within seconds.
            for (int c = 0; c < 8; c++) {
                clients.submit(() -> {
                    while (!stop.get()) {
                        try {
                            HttpResponse<String> r = postCommentDirectly();
                            if (r.statusCode() == 503) {
                                unavailable.incrementAndGet();
                                if (r.headers().firstValue("Retry-After").isEmpty()
                                        || !r.headers().firstValue("Content-Type").orElse("")
                                                .startsWith("application/problem+json")) {
                                    without.add(r.headers().map() + " " + r.body());
                                }
                            }
                        } catch (RuntimeException e) {
                            // a client-side timeout is not an answer; keep going
                        }
                    }
                });
            }
            await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(2)).until(() -> {
                JsonNode s = signal(component(model(STAMP), "catalog-api"), "failed-requests-per-minute");
                return "red".equals(s.path("status").asString());
            });
            failures = signal(component(model(STAMP), "catalog-api"), "failed-requests-per-minute");
            System.out.printf("broker frozen -> failed-requests-per-minute %s after %d ms (%d 503s answered)%n",
                    failures, millisSince(frozenAt), unavailable.get());
        } finally {
            stop.set(true);
            resume(broker);
            clients.shutdown();
            clients.awaitTermination(1, TimeUnit.MINUTES);
        }
        assertThat(failures.path("value").asDouble()).as(failures.toString()).isGreaterThanOrEqualTo(API_FAILURES_RED);
        assertThat(unavailable.get()).isGreaterThan(0);
        assertThat(without).as("503s without Retry-After or problem+json").isEmpty();
        assertThat(stampStatus(STAMP)).as("red takes the stamp out").isEqualTo(503);
        long resumedAt = System.nanoTime();
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(1)).until(() -> stampStatus(STAMP) == 200);
        System.out.printf("broker resumed -> %s 200 after %d ms%n", STAMP, millisSince(resumedAt));
    }

    @Test
    @Order(4)
    void egressFailuresOfRealImageFetchesTurnTheEgressSignalRed() {
        awaitStampHealthy(STAMP, Duration.ofMinutes(4));
        // Item creates whose image cannot be fetched: the topology allows unreachable.citadel.test:1 (loopback, where
        // nothing listens), so the egress firewall lets the fetch out and fails to connect. catalog-api answers 422
        // and counts an egress failure of reason "unreachable" (a policy refusal would not count).
        long startedAt = System.nanoTime();
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            HttpRequest create = HttpRequest.newBuilder(citadel.stampUri(STAMP, "catalog-api", ITEMS))
                    .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                    .header("X-Edge-Id", citadel.edgeId(STAMP)).header("X-API-KEY", citadel.apiKey())
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Egress test " + i + "\",\"description\":\"x\","
                            + "\"imageUrl\":\"http://unreachable.citadel.test:1/unreachable.png\",\"price\":1.00}")).build();
            statuses.add(send(edge, create).statusCode());
        }
        assertThat(statuses).as("nothing written without its image").containsOnly(422);
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).until(() ->
                "red".equals(signal(component(model(STAMP), "egress"), "failures-per-minute").path("status").asString()));
        JsonNode egress = signal(component(model(STAMP), "egress"), "failures-per-minute");
        System.out.printf("12 unreachable image fetches -> egress %s after %d ms%n", egress, millisSince(startedAt));
        assertThat(egress.path("value").asDouble()).isGreaterThanOrEqualTo(10);
        JsonNode updateItem = flow(model(STAMP), "update-item");
        assertThat(updateItem.path("status").asString()).as(updateItem.toString()).isEqualTo("red");
        assertThat(flow(model(STAMP), "list-items").path("status").asString()).isNotEqualTo("red");
        long redAt = System.nanoTime();
        await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(1)).until(() -> stampStatus(STAMP) == 200);
        System.out.printf("egress failures aged out -> %s 200 after %d ms%n", STAMP, millisSince(redAt));
    }

    // --- traffic -----------------------------------------------------------------------------------------------

    private static void trafficThroughTheEdge() {
        for (int i = 0; i < 10; i++) {
            send(internet, get(citadel.edgeUri(ITEMS)));
            send(internet, get(citadel.edgeUri(ITEMS + "/" + itemId)));
        }
        for (int i = 0; i < 4; i++) {
            send(internet, comment(citadel.edgeUri(ITEMS + "/" + itemId + "/comments")).build());
        }
    }

    /** A comment written straight to region2's catalog-api, as the edge would relay it. */
    private static HttpResponse<String> postCommentDirectly() {
        return send(edge, comment(citadel.stampUri(STAMP, "catalog-api", ITEMS + "/" + itemId + "/comments"))
                .header("X-Edge-Id", citadel.edgeId(STAMP)).build());
    }

    private static HttpRequest.Builder comment(URI uri) {
        // X-TEST-DATA: stored with a 30 s TTL, so the test leaves no comments behind.
        return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .header("X-TEST-DATA", "true")
                .POST(HttpRequest.BodyPublishers.ofString("{\"authorName\":\"Health model test\",\"text\":\"Load.\"}"));
    }

    // --- the stamps' health, through the edge pinned to one stamp -----------------------------------------------

    private static int stampStatus(String region) {
        return send(internet, pinned(region, "/health/stamp")).statusCode();
    }

    private static JsonNode model(String region) {
        HttpResponse<String> r = send(internet, pinned(region, "/health/model"));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode model = JSON.readTree(r.body());
        assertThat(model.path("region").asString()).isEqualTo(region);
        return model;
    }

    private static HttpRequest pinned(String region, String path) {
        return HttpRequest.newBuilder(citadel.edgeUri(path)).timeout(Duration.ofSeconds(15))
                .header("X-Citadel-Stamp", region).GET().build();
    }

    private static void awaitStampHealthy(String region, Duration atMost) {
        await().atMost(atMost).pollInterval(Duration.ofSeconds(1)).until(() -> stampStatus(region) == 200);
    }

    private static void awaitBothStampsHealthy(Duration atMost) {
        await().atMost(atMost).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            for (String region : citadel.regions()) {
                assertThat(stampStatus(region)).as(region + " /health/stamp").isEqualTo(200);
            }
        });
    }

    private static JsonNode component(JsonNode model, String name) {
        for (JsonNode flow : model.path("flows")) {
            for (JsonNode component : flow.path("components")) {
                if (component.path("name").asString().equals(name)) {
                    return component;
                }
            }
        }
        throw new AssertionError("no component " + name + " in " + model);
    }

    private static JsonNode flow(JsonNode model, String name) {
        for (JsonNode flow : model.path("flows")) {
            if (flow.path("name").asString().equals(name)) {
                return flow;
            }
        }
        throw new AssertionError("no flow " + name + " in " + model);
    }

    private static JsonNode signal(JsonNode component, String name) {
        for (JsonNode signal : component.path("signals")) {
            if (signal.path("name").asString().equals(name)) {
                return signal;
            }
        }
        throw new AssertionError("no signal " + name + " in " + component);
    }

    private static Double signalValue(JsonNode component, String name) {
        JsonNode value = signal(component, name).path("value");
        return value.isNumber() ? value.asDouble() : null;
    }

    // --- processes --------------------------------------------------------------------------------------------

    private static void freeze(long pid) {
        frozen.add(pid);
        signal("STOP", pid);
    }

    private static void resume(long pid) {
        signal("CONT", pid);
        frozen.remove(pid);
    }

    private static void signal(String name, long pid) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(pid)).inheritIO().start();
            assertThat(kill.waitFor(30, TimeUnit.SECONDS) && kill.exitValue() == 0).as("kill -" + name + " " + pid)
                    .isTrue();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static boolean processAlive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** A supervised service's pid ({@code services-state.json}). */
    private static long servicePid(String name) throws IOException {
        return pidIn("services-state.json", "services", name);
    }

    /** An engine's pid, e.g. {@code kafka-region2} ({@code citadel-state.json}). */
    private static long enginePid(String name) throws IOException {
        return pidIn("citadel-state.json", "processes", name);
    }

    private static long pidIn(String file, String array, String name) throws IOException {
        JsonNode state = JSON.readTree(Files.readString(citadel.runDir().resolve(file)));
        for (JsonNode p : state.path(array)) {
            if (p.path("name").asString().equals(name)) {
                return p.path("pid").asLong();
            }
        }
        throw new AssertionError("no " + name + " in " + file + ": " + state);
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }

    private static HttpRequest get(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(15)).GET().build();
    }

    private static HttpResponse<String> send(HttpClient client, HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
