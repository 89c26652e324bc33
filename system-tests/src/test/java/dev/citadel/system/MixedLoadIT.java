package dev.citadel.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A short steady load through the edge with the reference mix (list items, get item, rate, comment), to measure —
 * not to benchmark — the whole topology on this machine: requests/s, mean, p99 and error rate are printed.
 * Writes carry {@code X-TEST-DATA: true} (30 s TTL), so the load leaves no trace. Duration and concurrency:
 * {@code -Dcitadel.load.seconds=30 -Dcitadel.load.clients=32}.
 */
class MixedLoadIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void aSteadyMixedLoadThroughTheEdgeIsServedWithFewErrors() throws Exception {
        RunningCitadel citadel = RunningCitadel.get();
        HttpClient http = HttpClient.newBuilder().sslContext(citadel.sslContext()).version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        List<String> ids = new ArrayList<>();
        JSON.readTree(http.send(EndToEndIT.get(citadel.edgeUri("/api/1.0/catalogitem")),
                HttpResponse.BodyHandlers.ofString()).body()).forEach(n -> ids.add(n.path("id").asString()));
        assertThat(ids).isNotEmpty();

        int seconds = Integer.getInteger("citadel.load.seconds", 30);
        int clients = Integer.getInteger("citadel.load.clients", 32);
        run(http, citadel, ids, clients, Duration.ofSeconds(Math.max(5, seconds / 3))); // warm-up, not counted
        Result result = run(http, citadel, ids, clients, Duration.ofSeconds(seconds));
        System.out.println(result);
        assertThat(result.requests()).isPositive();
        assertThat(result.errorRate()).as(result.toString()).isLessThan(0.01);
    }

    private static Result run(HttpClient http, RunningCitadel citadel, List<String> ids, int clients, Duration length)
            throws InterruptedException {
        AtomicBoolean stop = new AtomicBoolean();
        long[][] latencies = new long[clients][];
        int[] counts = new int[clients];
        int[] errors = new int[clients];
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int me = c;
            latencies[me] = new long[1 << 16];
            Thread t = new Thread(() -> {
                while (!stop.get()) {
                    long start = System.nanoTime();
                    boolean ok = once(http, citadel, ids);
                    long micros = (System.nanoTime() - start) / 1000;
                    if (counts[me] == latencies[me].length) {
                        latencies[me] = Arrays.copyOf(latencies[me], counts[me] * 2);
                    }
                    latencies[me][counts[me]++] = micros;
                    if (!ok) {
                        errors[me]++;
                    }
                }
            }, "load-" + c);
            threads.add(t);
        }
        long began = System.nanoTime();
        threads.forEach(Thread::start);
        Thread.sleep(length.toMillis());
        stop.set(true);
        for (Thread t : threads) {
            t.join();
        }
        double elapsed = (System.nanoTime() - began) / 1e9;
        long[] all = new long[Arrays.stream(counts).sum()];
        int at = 0;
        for (int c = 0; c < clients; c++) {
            System.arraycopy(latencies[c], 0, all, at, counts[c]);
            at += counts[c];
        }
        Arrays.sort(all);
        return new Result(all.length, Arrays.stream(errors).sum(), elapsed, clients,
                all.length == 0 ? 0 : Arrays.stream(all).average().orElse(0) / 1000.0,
                all.length == 0 ? 0 : all[(int) Math.min(all.length - 1, Math.ceil(all.length * 0.99) - 1)] / 1000.0);
    }

    /** The reference mix: 50 % get item, 30 % list, 10 % rate, 10 % comment. */
    private static boolean once(HttpClient http, RunningCitadel citadel, List<String> ids) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String id = ids.get(random.nextInt(ids.size()));
        int dice = random.nextInt(10);
        HttpRequest request;
        int expected;
        if (dice < 5) {
            request = EndToEndIT.get(citadel.edgeUri("/api/1.0/catalogitem/" + id));
            expected = 200;
        } else if (dice < 8) {
            request = EndToEndIT.get(citadel.edgeUri("/api/1.0/catalogitem?limit=20"));
            expected = 200;
        } else if (dice < 9) {
            request = post(citadel, "/api/1.0/catalogitem/" + id + "/ratings", "{\"rating\":" + (1 + random.nextInt(5)) + "}");
            expected = 202;
        } else {
            request = post(citadel, "/api/1.0/catalogitem/" + id + "/comments",
                    "{\"authorName\":\"load\",\"text\":\"steady as she goes\"}");
            expected = 202;
        }
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == expected;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static HttpRequest post(RunningCitadel citadel, String path, String body) {
        return HttpRequest.newBuilder(citadel.edgeUri(path)).timeout(Duration.ofSeconds(15))
                .header("Content-Type", "application/json").header("X-TEST-DATA", "true")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    record Result(long requests, long errors, double seconds, int clients, double meanMs, double p99Ms) {

        double errorRate() {
            return requests == 0 ? 1 : (double) errors / requests;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "mixed load through the edge: %d clients, %.1f s, %d requests, %.1f req/s, "
                    + "mean %.1f ms, p99 %.1f ms, errors %d (%.3f %%)", clients, seconds, requests, requests / seconds,
                    meanMs, p99Ms, errors, 100.0 * errorRate());
        }
    }
}
