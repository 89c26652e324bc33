package dev.citadel.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code citadel release} end to end on the shared Citadel, under a load through the edge (two readers and a writer
 * of items and comments, each write with an {@code Idempotency-Key} as a client that wants it retried sends it):
 * <ol>
 *   <li>a build that passes its smoke test and then answers 503 ({@code --fault-after}) is rolled back at the 10 %
 *   step (exit 20), no client request fails, the edge's weights are back on unit a and unit b's processes (its
 *   services and its Kafka brokers) are gone;</li>
 *   <li>a good build goes through 10/50/100 % (exit 0), no client request fails, while the weights are at 100 % the
 *   edge sends no API request to unit a, unit a's processes are gone afterwards, and every item and comment the
 *   load's writes were answered 201/202 for, and every item listed before the releases, is readable.</li>
 * </ol>
 * It runs last among the system test classes (class {@code @Order} above every other class's default), because it
 * leaves the shared Citadel serving unit b; its {@code @AfterAll} rolls back a release left in progress, and the
 * shared {@code down} stops whichever unit serves.
 */
@Order(Integer.MAX_VALUE)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReleaseIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String ITEMS = "/api/1.0/catalogitem";
    /** The release's own wait for a whole release (smoke test, three soaks, drain) is well below this. */
    private static final Duration RELEASE_TIMEOUT = Duration.ofMinutes(15);
    /** Short soaks and drain: the gate's rules are the same, over fewer requests (the load gives each step enough). */
    private static final String SOAK = "10s";
    private static final String DRAIN = "2s";
    /** More than the smoke test's requests per stamp (list, get, image, comment and its read-back polls). */
    private static final int FAULT_AFTER = 25;
    private static final List<String> UNIT_COMPONENTS = List.of("egress-firewall", "catalog-api",
            "background-processor", "health-service", "web-ui", "kafka");
    private static final Pattern REQUESTS = Pattern.compile(
            "^edge_requests_seconds_count\\{([^}]*)}\\s+(\\S+)", Pattern.MULTILINE);
    private static final Pattern ORIGIN = Pattern.compile("origin=\"([^\"]*)\"");

    private static final RunningCitadel citadel = RunningCitadel.get();
    private static final HttpClient internet = HttpClient.newBuilder().sslContext(citadel.sslContext())
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final HttpClient operator = HttpClient.newBuilder().sslContext(citadel.operatorSslContext())
            .connectTimeout(Duration.ofSeconds(5)).build();
    /** Locations the load's writes were answered 201 (items) or 202 (comments) for, over both releases. */
    private static final List<String> accepted = Collections.synchronizedList(new ArrayList<>());
    /** Items listed before the first release. */
    private static final List<String> before = new ArrayList<>();

    @Test
    @Order(1)
    void aReleaseThatFailsItsGateIsRolledBackAtTheFirstStepWithoutAFailedRequest() throws Exception {
        Map<String, Long> unitB = new ConcurrentHashMap<>();
        UnderLoad run = underLoad(state -> {
            if (state.path("percent").asInt() == 10 && unitB.isEmpty()) {
                unitB.putAll(processes("-b"));
            }
        }, "release", "--version", "broken", "--fault-after", String.valueOf(FAULT_AFTER), "--soak", "20s",
                "--drain", DRAIN);

        assertThat(run.cli().code()).as(run.cli().toString()).isEqualTo(20);
        assertThat(run.cli().output()).as("rolled back by the gate at the first step, after a passed smoke test")
                .containsPattern("(?m)^smoke\\s.*PASS").contains("ROLLED BACK: gate at 10 % failed")
                .doesNotContain("gate at 50 %");
        // The edge retries an attempt unit b failed on the heaviest untried origin, an old unit: nothing reaches a
        // client, not even the rehearsal's own 503s.
        assertThat(run.failures()).as("failed client requests during the release, of " + run.sent()).isEmpty();
        assertThat(unitB).as("unit b's processes while at 10 %").hasSize(UNIT_COMPONENTS.size() * citadel.regions().size());
        assertThat(processes("-b")).as("unit b's processes after the rollback").isEmpty();
        unitB.forEach((name, pid) -> assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                .as(name + " (pid " + pid + ")").isFalse());
        Map<String, Integer> weights = weights();
        assertThat(weights).as("the edge's origins after the rollback").isNotEmpty()
                .allSatisfy((name, weight) -> assertThat(name).doesNotEndWith("-b"));
        assertThat(weights.values()).allSatisfy(w -> assertThat(w).isPositive());
        assertThat(processes("")).as("unit a's processes").hasSize(UNIT_COMPONENTS.size() * citadel.regions().size());
    }

    @Test
    @Order(2)
    void aGoodReleaseMovesEveryRequestToUnitBWithoutAFailedRequestOrALostWrite() throws Exception {
        Map<String, Long> unitA = new ConcurrentHashMap<>();
        Map<String, Double> atFull = new ConcurrentHashMap<>();
        Map<String, Double> draining = new ConcurrentHashMap<>();
        AtomicInteger sentAtFull = new AtomicInteger(-1);
        UnderLoad run = underLoad(state -> {
            String phase = state.path("phase").asString("");
            if (phase.equals("at 100 %") && atFull.isEmpty()) {
                unitA.putAll(processes(""));
                sleep(2000);                      // what unit a still had in flight at the weight change
                atFull.putAll(apiRequestsByOrigin());
                sentAtFull.set(Load.current.sent());
            }
            if (phase.equals("draining the old unit") && !atFull.isEmpty() && draining.isEmpty()) {
                draining.putAll(apiRequestsByOrigin());   // before the drain takes unit a's origins out of the edge
                sentAtFull.set(Load.current.sent() - sentAtFull.get());
            }
        }, "release", "--version", "good", "--soak", SOAK, "--drain", DRAIN);

        assertThat(run.cli().code()).as(run.cli().toString()).isZero();
        assertThat(run.cli().output()).contains("RELEASED: unit b");
        assertThat(run.failures()).as("failed client requests during the release").isEmpty();

        assertThat(atFull).as("the edge's counters at 100 %").isNotEmpty();
        assertThat(draining).as("the edge's counters when the old unit began draining").isNotEmpty();
        Map<String, Double> byUnitA = delta(atFull, draining, name -> !name.endsWith("-b"));
        Map<String, Double> byUnitB = delta(atFull, draining, name -> name.endsWith("-b"));
        System.out.printf("at 100 %%: %d client requests; API requests by origin at the edge: %s %s%n",
                sentAtFull.get(), byUnitA, byUnitB);
        assertThat(byUnitA.values()).as("API requests unit a answered at 100 %").allSatisfy(n -> assertThat(n).isZero());
        assertThat(byUnitB.values().stream().mapToDouble(Double::doubleValue).sum())
                .as("API requests unit b answered at 100 %").isPositive();

        assertThat(unitA).as("unit a's processes at 100 %").hasSize(UNIT_COMPONENTS.size() * citadel.regions().size());
        assertThat(processes("")).as("unit a's processes after the release").isEmpty();
        unitA.forEach((name, pid) -> assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                .as(name + " (pid " + pid + ")").isFalse());
        assertThat(processes("-b")).as("unit b's processes").hasSize(UNIT_COMPONENTS.size() * citadel.regions().size());
        Map<String, Integer> weights = weights();
        assertThat(weights).as("the edge's origins after the release").isNotEmpty()
                .allSatisfy((name, weight) -> assertThat(name).endsWith("-b"));

        // Nothing accepted is lost: every write of both releases, and the catalog listed before them.
        List<String> readable = new ArrayList<>(before);
        readable.addAll(accepted);
        System.out.printf("reading back %d items listed before and %d writes accepted during the releases%n",
                before.size(), accepted.size());
        assertThat(accepted).isNotEmpty();
        Set<String> unread = ConcurrentHashMap.newKeySet();
        unread.addAll(readable);
        Map<String, String> lastAnswer = new ConcurrentHashMap<>();
        ExecutorService readers = Executors.newFixedThreadPool(8);
        try {
            // Comments a stamp accepted reach the other stamp's data centre asynchronously: read until each is there.
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (!unread.isEmpty() && System.nanoTime() < deadline) {
                List<Future<?>> round = new ArrayList<>();
                for (String path : List.copyOf(unread)) {
                    round.add(readers.submit(() -> {
                        try {
                            HttpResponse<String> r = get(citadel.edgeUri(path));
                            if (r.statusCode() == 200) {
                                unread.remove(path);
                            } else {
                                lastAnswer.put(path, String.valueOf(r.statusCode()));
                            }
                        } catch (Exception e) {
                            lastAnswer.put(path, e.toString());
                        }
                    }));
                }
                for (Future<?> f : round) {
                    f.get();
                }
                if (!unread.isEmpty()) {
                    Thread.sleep(2000);
                }
            }
        } finally {
            readers.shutdown();
        }
        Map<String, String> missing = new TreeMap<>();
        unread.forEach(path -> missing.put(path, lastAnswer.get(path)));
        assertThat(missing).as("accepted writes or earlier items not readable through the edge within 2 min").isEmpty();
    }

    /** A release left in progress (a failed assertion, a timed-out CLI) is rolled back, so `down` finds one unit. */
    @AfterAll
    static void rollBackWhatIsLeft() throws IOException {
        Path state = citadel.runDir().resolve("release-state.json");
        if (Files.exists(state) && !JSON.readTree(Files.readString(state)).path("candidate").isNull()
                && !JSON.readTree(Files.readString(state)).path("candidate").isMissingNode()) {
            System.out.println("release left in progress; " + citadel.cli("release", "--rollback"));
        }
    }

    // ---- the load ------------------------------------------------------------------------------------------------

    /** What ran under load: the CLI's result, the outcomes by request and status, and every failure. */
    private record UnderLoad(RunningCitadel.CliResult cli, Map<String, AtomicInteger> outcomes, List<String> failures,
                             int sent) {}

    private interface StateListener {
        void state(JsonNode releaseState);
    }

    /**
     * Runs {@code citadel args} while two readers (get, list) and a writer (comments, every fifth write an item) go
     * through the edge, from 2 s before until 3 s after; {@code listener} sees {@code release-state.json} every 200 ms.
     */
    private UnderLoad underLoad(StateListener listener, String... args) throws Exception {
        JsonNode page = JSON.readTree(retryOn503(() -> get(citadel.edgeUri(ITEMS + "?limit=50"))).body());
        String itemId = page.get(0).path("id").asString();
        if (before.isEmpty()) {
            page.forEach(item -> before.add(ITEMS + "/" + item.path("id").asString()));
        }
        Load load = new Load(itemId);
        Load.current = load;
        ExecutorService threads = Executors.newFixedThreadPool(4);
        List<Future<?>> clients = new ArrayList<>();
        clients.add(threads.submit(() -> load.loop("GET item", () -> get(citadel.edgeUri(ITEMS + "/" + itemId)),
                Set.of(200))));
        clients.add(threads.submit(() -> load.loop("GET list", () -> get(citadel.edgeUri(ITEMS + "?limit=20")),
                Set.of(200))));
        clients.add(threads.submit(load::writes));
        AtomicBoolean releasing = new AtomicBoolean(true);
        Future<?> watcher = threads.submit(() -> {
            Path file = citadel.runDir().resolve("release-state.json");
            while (releasing.get()) {
                try {
                    if (Files.exists(file)) {
                        listener.state(JSON.readTree(Files.readString(file)));
                    }
                } catch (Exception e) {
                    // Read while the CLI replaces it: the next round reads the whole file.
                }
                sleep(200);
            }
        });

        long started = System.nanoTime();
        RunningCitadel.CliResult cli;
        try {
            Thread.sleep(2000);
            cli = citadel.cli(RELEASE_TIMEOUT, args);
            releasing.set(false);
            Thread.sleep(3000);
        } finally {
            releasing.set(false);
            load.running.set(false);
            threads.shutdown();
        }
        for (Future<?> client : clients) {
            client.get();
        }
        watcher.get();
        System.out.printf("%s under load: %.1f s with the load before/after, %d requests %s, %d failed %s%n%s%n",
                String.join(" ", args), (System.nanoTime() - started) / 1e9, load.sent(), new TreeMap<>(load.outcomes),
                load.failures.size(), load.failures, cli.output());
        assertThat(load.outcomes.get("GET item 200")).as("reads").isNotNull();
        assertThat(load.outcomes.get("POST comment 202")).as("writes").isNotNull();
        return new UnderLoad(cli, load.outcomes, load.failures, load.sent());
    }

    /** The clients of one release; a request that gets no answer or another status than expected is a failure. */
    private static final class Load {

        static volatile Load current;

        final AtomicBoolean running = new AtomicBoolean(true);
        final Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();
        final List<String> failures = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger sent = new AtomicInteger();
        private final String itemId;

        Load(String itemId) {
            this.itemId = itemId;
        }

        int sent() {
            return sent.get();
        }

        void writes() {
            AtomicInteger n = new AtomicInteger();
            loop("POST", () -> {
                String key = "release-it-" + UUID.randomUUID();
                if (n.incrementAndGet() % 5 == 0) {
                    // Named to sort after the catalog's items: the smoke test reads the first page for a stored image.
                    return post(ITEMS, "{\"name\":\"Zz release " + key + "\",\"description\":\"Written during a "
                            + "release.\",\"price\":1.50}", key, true);
                }
                return post(ITEMS + "/" + itemId + "/comments", "{\"authorName\":\"Release test\",\"text\":\""
                        + key + "\"}", key, false);
            }, Set.of(201, 202));
        }

        void loop(String name, Call call, Set<Integer> expected) {
            while (running.get()) {
                try {
                    sent.incrementAndGet();
                    HttpResponse<String> response = call.send();
                    String what = name.equals("POST")
                            ? "POST " + (response.request().uri().getPath().endsWith("/comments") ? "comment" : "item")
                            : name;
                    outcomes.computeIfAbsent(what + " " + response.statusCode(), k -> new AtomicInteger())
                            .incrementAndGet();
                    if (!expected.contains(response.statusCode())) {
                        failures.add(what + " " + response.statusCode() + ": " + response.body());
                    } else if (name.equals("POST")) {
                        accepted.add(URI.create(response.headers().firstValue("Location").orElseThrow()).getPath());
                    }
                    Thread.sleep(name.equals("POST") ? 300 : 50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (Exception e) {
                    failures.add(name + " " + e);
                }
            }
        }
    }

    private interface Call {
        HttpResponse<String> send() throws Exception;
    }

    private static HttpResponse<String> post(String path, String body, String key, boolean keyed) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(citadel.edgeUri(path)).timeout(Duration.ofSeconds(15))
                .header("Content-Type", "application/json").header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (keyed) {
            b.header("X-API-KEY", citadel.apiKey());
        }
        return internet.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(URI uri) throws Exception {
        return internet.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(15)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> retryOn503(Call call) throws Exception {
        HttpResponse<String> response = call.send();
        for (int attempt = 1; attempt < 5 && response.statusCode() >= 503; attempt++) {
            Thread.sleep(1000);
            response = call.send();
        }
        return response;
    }

    // ---- what the edge and the machine say ------------------------------------------------------------------------

    /** The edge's origins by name, with their weights (admin API, operator certificate). */
    private static Map<String, Integer> weights() throws Exception {
        HttpResponse<String> r = operator.send(HttpRequest.newBuilder(citadel.edgeManagementUri("/origins"))
                .timeout(Duration.ofSeconds(15)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(r.body());
        Map<String, Integer> weights = new TreeMap<>();
        for (JsonNode origin : body.isArray() ? body : body.path("origins")) {
            weights.put(origin.path("name").asString(), origin.path("weight").asInt());
        }
        return weights;
    }

    /** Requests the edge has answered per API origin ({@code apis-region1}, {@code apis-region1-b}), from /metrics. */
    private static Map<String, Double> apiRequestsByOrigin() {
        try {
            HttpResponse<String> r = operator.send(HttpRequest.newBuilder(citadel.edgeManagementUri("/metrics"))
                    .timeout(Duration.ofSeconds(15)).GET().build(), HttpResponse.BodyHandlers.ofString());
            Map<String, Double> counts = new TreeMap<>();
            Matcher m = REQUESTS.matcher(r.body());
            while (m.find()) {
                Matcher origin = ORIGIN.matcher(m.group(1));
                if (origin.find() && origin.group(1).startsWith("apis-")) {
                    counts.merge(origin.group(1), Double.parseDouble(m.group(2)), Double::sum);
                }
            }
            return counts;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Double> delta(Map<String, Double> from, Map<String, Double> to,
                                             java.util.function.Predicate<String> origins) {
        Map<String, Double> d = new TreeMap<>();
        for (String region : citadel.regions()) {
            for (String name : List.of("apis-" + region, "apis-" + region + "-b")) {
                if (origins.test(name)) {
                    d.put(name, to.getOrDefault(name, 0.0) - from.getOrDefault(name, 0.0));
                }
            }
        }
        return d;
    }

    /**
     * The live processes of one unit of this run ({@code suffix} "" for unit a, "-b" for unit b): each stamp service
     * and Kafka broker by its engine marker ({@code -Dcitadel.engine=catalog-api-region1-b}) and this run directory.
     */
    private static Map<String, Long> processes(String suffix) {
        Set<String> markers = new java.util.HashSet<>();
        for (String region : citadel.regions()) {
            UNIT_COMPONENTS.forEach(c -> markers.add("-Dcitadel.engine=" + c + "-" + region + suffix));
        }
        String runDir = citadel.runDir().toString();
        Map<String, Long> found = new HashMap<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            procs.filter(p -> p.getFileName().toString().matches("\\d+")).forEach(p -> {
                try {
                    List<String> argv = List.of(new String(Files.readAllBytes(p.resolve("cmdline")),
                            StandardCharsets.UTF_8).split("\0"));
                    if (String.join(" ", argv).contains(runDir)) {
                        argv.stream().filter(markers::contains).findFirst().ifPresent(marker -> found.put(
                                marker.substring(marker.indexOf('=') + 1), Long.parseLong(p.getFileName().toString())));
                    }
                } catch (IOException e) {
                    // Gone while listing.
                }
            });
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return found;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
