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
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A stamp's database dies under load (CITADEL.md §8, "stamp failure under load"): with GETs and writes flowing
 * through the edge, region1's Cassandra node is killed with {@code kill -9}. Promised: no failed GET; every write
 * answered 202 is readable afterwards in both regions; a write that failed was answered 503 with Retry-After, never
 * 500, and fewer than 0.1 % failed; the traffic left region1 within 2 s; the supervisor restarted the Cassandra node
 * alone (every other process kept its pid) and the stamp is healthy again. The figures are printed.
 *
 * <p>Writes are comments, as a well-behaved client sends them: each POST carries an {@code Idempotency-Key}, so the
 * edge may retry one that a dying stamp answered 503 on the other stamp.
 */
class StampFailoverIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String ITEMS = "/api/1.0/catalogitem";
    private static final String VICTIM = "region1";
    private static final String ENGINE = "cassandra-" + VICTIM;
    private static final int READERS = 4;
    private static final int WRITERS = 2;

    private static RunningCitadel citadel;
    private static HttpClient internet;
    private static HttpClient edgeClient;
    private static HttpClient operator;

    /** One answer the load got: when (ns), from which stamp, what. */
    record Answer(long atNanos, boolean write, int status, String region, boolean retryAfter, String location,
                  String failure) {}

    @BeforeAll
    static void healthySystem() {
        citadel = RunningCitadel.get();
        internet = client(citadel.sslContext());
        edgeClient = client(citadel.edgeClientSslContext());
        operator = client(citadel.operatorSslContext());
        awaitHealthyAndReadmitted(Duration.ofMinutes(6));
    }

    /** Later classes must find both stamps healthy and every origin readmitted by the edge. */
    @AfterAll
    static void leaveTheSystemHealthy() {
        if (citadel != null) {
            awaitHealthyAndReadmitted(Duration.ofMinutes(8));
        }
    }

    @Test
    void aCassandraNodeKilledUnderLoadCostsNoGetAndLosesNoWriteAndIsRestartedAlone() throws Exception {
        List<String> ids = new ArrayList<>();
        JSON.readTree(send(internet, get(citadel.edgeUri(ITEMS + "?limit=20"))).body())
                .forEach(n -> ids.add(n.path("id").asString()));
        assertThat(ids).isNotEmpty();
        Map<String, Long> pidsBefore = allPids();
        assertThat(pidsBefore).containsKey(ENGINE);
        long restartsBefore = engine(ENGINE).path("restarts").asLong();

        ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> load = new ArrayList<>();
        for (int i = 0; i < READERS + WRITERS; i++) {
            boolean writer = i >= READERS;
            Thread t = new Thread(() -> {
                while (!stop.get()) {
                    answers.add(writer ? comment(ids) : read(ids));
                }
            }, (writer ? "writer-" : "reader-") + i);
            load.add(t);
        }
        load.forEach(Thread::start);
        long killedAt;
        long movedAt = -1;
        long ejectedAt = -1;
        try {
            Thread.sleep(8_000); // steady state on both stamps before the kill
            assertThat(answers.stream().filter(a -> VICTIM.equals(a.region()))).as("region1 served before the kill")
                    .isNotEmpty();
            long cassandra = pidsBefore.get(ENGINE);
            killedAt = System.nanoTime();
            kill9(cassandra);
            // The edge's own view: when did the API origin of region1 stop being healthy?
            long deadline = killedAt + TimeUnit.SECONDS.toNanos(20);
            while (System.nanoTime() < deadline) {
                if (!originHealthy("apis-" + VICTIM)) {
                    ejectedAt = System.nanoTime();
                    break;
                }
                Thread.sleep(50);
            }
            Thread.sleep(22_000); // the load goes on across the outage
        } finally {
            stop.set(true);
            for (Thread t : load) {
                t.join(60_000);
            }
        }
        List<Answer> all = new ArrayList<>(answers);
        Collections.sort(all, (a, b) -> Long.compare(a.atNanos(), b.atNanos()));
        for (Answer a : all) {
            if (a.atNanos() > killedAt && VICTIM.equals(a.region())) {
                movedAt = a.atNanos(); // the last answer region1 gave after the kill
            }
        }
        long moveMs = movedAt < 0 ? 0 : (movedAt - killedAt) / 1_000_000;
        long ejectMs = ejectedAt < 0 ? -1 : (ejectedAt - killedAt) / 1_000_000;

        List<Answer> gets = all.stream().filter(a -> !a.write()).toList();
        List<Answer> writes = all.stream().filter(Answer::write).toList();
        List<Answer> failedGets = gets.stream().filter(a -> a.status() != 200).toList();
        List<Answer> failedWrites = writes.stream().filter(a -> a.status() != 202).toList();
        List<Answer> accepted = writes.stream().filter(a -> a.status() == 202).toList();

        String duringLoad = String.format(Locale.ROOT, "cassandra-%s killed under load: %d GETs, %d failed %s; %d writes, "
                        + "%d failed (%.3f %%) %s, %d accepted; region1's last answer %d ms after the kill, its API "
                        + "origin ejected after %d ms", VICTIM, gets.size(), failedGets.size(),
                failedGets.stream().limit(5).map(a -> a.status() + " " + a.failure()).toList(), writes.size(),
                failedWrites.size(), writes.isEmpty() ? 0.0 : 100.0 * failedWrites.size() / writes.size(),
                failedWrites.stream().limit(5).map(a -> a.status() + " " + a.failure()).toList(), accepted.size(),
                moveMs, ejectMs);
        System.out.println(duringLoad);

        // The supervisor restarts the killed node alone; the stamp comes back once it is up.
        long healthyAt;
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(1))
                .until(() -> engine(ENGINE).path("pid").asLong() != pidsBefore.get(ENGINE)
                        && processAlive(engine(ENGINE).path("pid").asLong()));
        awaitHealthyAndReadmitted(Duration.ofMinutes(6));
        healthyAt = System.nanoTime();
        JsonNode restarted = engine(ENGINE);
        Map<String, Long> pidsAfter = allPids();

        // Every accepted write is readable in both regions, read from each stamp directly.
        List<String> lost = new ArrayList<>();
        long readableBy = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        for (Answer a : accepted) {
            for (String region : citadel.regions()) {
                if (!readable(region, a.location(), readableBy)) {
                    lost.add(region + " " + a.location());
                }
            }
        }

        String figures = String.format(Locale.ROOT, "cassandra-%s killed under load: %d GETs, %d failed; %d writes, "
                        + "%d failed (%.3f %%), %d accepted, %d not readable in both regions; region1's last answer "
                        + "%d ms after the kill, its API origin ejected after %d ms; stamp healthy and readmitted %d s "
                        + "after the kill; %s restarts %d -> %d, last exit %s",
                VICTIM, gets.size(), failedGets.size(), writes.size(), failedWrites.size(),
                writes.isEmpty() ? 0.0 : 100.0 * failedWrites.size() / writes.size(), accepted.size(), lost.size(),
                moveMs, ejectMs, (healthyAt - killedAt) / 1_000_000_000, ENGINE, restartsBefore,
                restarted.path("restarts").asLong(), restarted.path("lastExit").asString());
        System.out.println(figures);

        assertThat(gets.size()).as(figures).isGreaterThan(200);
        assertThat(failedGets).as("failed GETs; " + figures).isEmpty();
        assertThat(failedWrites).as("a failed write is a 503 with Retry-After, never a 500")
                .allMatch(a -> a.status() == 503 && a.retryAfter());
        assertThat(failedWrites.size()).as("failed writes under 0.1 %; " + figures)
                .isLessThanOrEqualTo(writes.size() / 1000);
        assertThat(lost).as("accepted writes not readable in both regions; " + figures).isEmpty();
        assertThat(moveMs).as("traffic left the stamp within 2 s; " + figures).isLessThanOrEqualTo(2_000);
        assertThat(restarted.path("restarts").asLong()).isEqualTo(restartsBefore + 1);
        Map<String, Long> othersBefore = new HashMap<>(pidsBefore);
        othersBefore.remove(ENGINE);
        Map<String, Long> othersAfter = new HashMap<>(pidsAfter);
        othersAfter.remove(ENGINE);
        assertThat(othersAfter).as("every other process kept its pid").isEqualTo(othersBefore);
    }

    // --- the load ----------------------------------------------------------------------------------------------

    private static Answer read(List<String> ids) {
        String id = ids.get(ThreadLocalRandom.current().nextInt(ids.size()));
        boolean list = ThreadLocalRandom.current().nextInt(3) == 0;
        return exchange(false, get(citadel.edgeUri(list ? ITEMS + "?limit=20" : ITEMS + "/" + id)));
    }

    private static Answer comment(List<String> ids) {
        String id = ids.get(ThreadLocalRandom.current().nextInt(ids.size()));
        HttpRequest post = HttpRequest.newBuilder(citadel.edgeUri(ITEMS + "/" + id + "/comments"))
                .timeout(Duration.ofSeconds(15)).header("Content-Type", "application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString("{\"authorName\":\"failover\",\"text\":\"still here\"}"))
                .build();
        return exchange(true, post);
    }

    private static Answer exchange(boolean write, HttpRequest request) {
        try {
            HttpResponse<String> r = internet.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(System.nanoTime(), write, r.statusCode(),
                    r.headers().firstValue("X-Server-Location").orElse(null),
                    r.headers().firstValue("Retry-After").isPresent(),
                    r.headers().firstValue("Location").orElse(null),
                    r.statusCode() >= 300 ? r.body() : null);
        } catch (IOException e) {
            return new Answer(System.nanoTime(), write, -1, null, false, null, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(System.nanoTime(), write, -1, null, false, null, "interrupted");
        }
    }

    /** Polls the stamp's own catalog-api (as the edge would call it) until the comment is there or time is up. */
    private static boolean readable(String region, String location, long deadlineNanos) {
        while (true) {
            HttpRequest read = HttpRequest.newBuilder(citadel.stampUri(region, "catalog-api", location))
                    .timeout(Duration.ofSeconds(15)).header("X-Edge-Id", citadel.edgeId(region)).GET().build();
            try {
                if (edgeClient.send(read, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return true;
                }
            } catch (IOException e) {
                // not there yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            if (System.nanoTime() > deadlineNanos) {
                return false;
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    // --- health and processes ----------------------------------------------------------------------------------

    private static void awaitHealthyAndReadmitted(Duration atMost) {
        await().atMost(atMost).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            for (String region : citadel.regions()) {
                HttpResponse<String> r = send(internet, HttpRequest.newBuilder(citadel.edgeUri("/health/stamp"))
                        .timeout(Duration.ofSeconds(15)).header("X-Citadel-Stamp", region).GET().build());
                assertThat(r.statusCode()).as(region + " /health/stamp").isEqualTo(200);
            }
            List<String> out = new ArrayList<>();
            for (JsonNode origin : origins()) {
                if (!origin.path("healthy").asBoolean()) {
                    out.add(origin.path("name").asString() + ": " + origin.path("reason").asString());
                }
            }
            assertThat(out).as("origins the edge has not readmitted").isEmpty();
        });
    }

    private static boolean originHealthy(String name) {
        for (JsonNode origin : origins()) {
            if (origin.path("name").asString().equals(name)) {
                return origin.path("healthy").asBoolean();
            }
        }
        throw new AssertionError("no origin " + name);
    }

    private static JsonNode origins() {
        JsonNode body = JSON.readTree(send(operator, get(citadel.edgeManagementUri("/origins"))).body());
        return body.isArray() ? body : body.path("origins");
    }

    /** Every engine's and supervised service's pid, by name. */
    private static Map<String, Long> allPids() throws IOException {
        Map<String, Long> pids = new HashMap<>();
        for (String[] source : new String[][] {{"citadel-state.json", "processes"}, {"services-state.json", "services"}}) {
            JsonNode state = JSON.readTree(Files.readString(citadel.runDir().resolve(source[0])));
            for (JsonNode p : state.path(source[1])) {
                pids.put(p.path("name").asString(), p.path("pid").asLong());
            }
        }
        return pids;
    }

    private static JsonNode engine(String name) throws IOException {
        JsonNode state = JSON.readTree(Files.readString(citadel.runDir().resolve("citadel-state.json")));
        for (JsonNode p : state.path("processes")) {
            if (p.path("name").asString().equals(name)) {
                return p;
            }
        }
        throw new AssertionError("no " + name + " in citadel-state.json: " + state);
    }

    private static void kill9(long pid) throws Exception {
        Process kill = new ProcessBuilder("kill", "-9", Long.toString(pid)).inheritIO().start();
        assertThat(kill.waitFor(30, TimeUnit.SECONDS) && kill.exitValue() == 0).as("kill -9 " + pid).isTrue();
    }

    private static boolean processAlive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    private static HttpClient client(javax.net.ssl.SSLContext ssl) {
        return HttpClient.newBuilder().sslContext(ssl).version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
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
