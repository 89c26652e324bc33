package dev.citadel.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An origin dying under load: no failed GETs, ejection, re-admission; retries never duplicate a POST. */
class FailoverIT {
    @TempDir
    Path dir;
    TestOrigin a;
    TestOrigin b;
    EdgeFixture fx;

    @BeforeEach
    void start() throws Exception {
        TestPki pki = new TestPki(dir);
        a = new TestOrigin(pki, "stamp-a", "stamp-a.stamp.test").start();
        b = new TestOrigin(pki, "stamp-b", "stamp-b.stamp.test").start();
        fx = new EdgeFixture(pki, EdgeFixture.singleGroup(a.originYaml(50, 1) + b.originYaml(50, 1)), "");
        await().atMost(Duration.ofSeconds(10)).until(() -> healthy("stamp-a") && healthy("stamp-b"));
    }

    @AfterEach
    void stop() {
        fx.close();
        a.close();
        b.close();
    }

    private boolean healthy(String origin) {
        return fx.edge.registry().health(origin).healthy();
    }

    @Test
    void killedOriginUnderSteadyGetLoadCostsNoFailedGetIsEjectedAndReadmittedWhenBack() throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger ok = new AtomicInteger();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> load = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            load.add(pool.submit(() -> {
                int i = 0;
                while (running.get()) {
                    try {
                        HttpResponse<String> r = fx.get("/api/1.0/catalogitem/" + (i++));
                        if (r.statusCode() == 200) {
                            ok.incrementAndGet();
                        } else {
                            failures.add(r.statusCode() + " " + r.body());
                        }
                    } catch (Exception e) {
                        failures.add(e.toString());
                    }
                }
            }));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> a.received.size() > 50 && b.received.size() > 50);

        a.kill();
        int okAtKill = ok.get();
        await().atMost(Duration.ofSeconds(5)).until(() -> !healthy("stamp-a"));
        await().atMost(Duration.ofSeconds(20)).until(() -> ok.get() > okAtKill + 200);

        int servedBeforeReturn = a.received.size(); // live requests only: probes are not recorded
        a.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> healthy("stamp-a"));
        await().atMost(Duration.ofSeconds(20)).until(() -> a.received.size() > servedBeforeReturn + 20);

        running.set(false);
        for (Future<?> f : load) {
            f.get(30, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertThat(failures).as("failed GETs").isEmpty();
        assertThat(fx.edge.registry().health("stamp-a").ejections()).isGreaterThanOrEqualTo(1);
        assertThat(ok.get()).isGreaterThan(okAtKill + 200);
    }

    @Test
    void aPostAnswered503IsNotRetried() throws Exception {
        HttpResponse<String> r = fx.post("/api/status/503", "{\"rating\":5}");
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(a.posts.get() + b.posts.get()).isEqualTo(1);
    }

    @Test
    void aGetAnswered503IsRetriedOnceOnTheOtherOrigin() throws Exception {
        HttpResponse<String> r = fx.get("/api/status/503");
        assertThat(r.statusCode()).isEqualTo(503); // both answer 503: the second answer is relayed
        long hits = a.received.stream().filter(x -> x.uri().equals("/api/status/503")).count()
                + b.received.stream().filter(x -> x.uri().equals("/api/status/503")).count();
        assertThat(hits).isEqualTo(2);
    }

    @Test
    void aSlowOriginIsTimedOutAndIdempotentRequestsTryTheOtherButPostsDoNot() throws Exception {
        HttpResponse<String> get = fx.get("/api/slow/3000");
        assertThat(get.statusCode()).isEqualTo(504);
        assertThat(get.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(a.received.stream().filter(x -> x.uri().equals("/api/slow/3000")).count()
                + b.received.stream().filter(x -> x.uri().equals("/api/slow/3000")).count()).isEqualTo(2);

        HttpResponse<String> post = fx.post("/api/slow/3000", "{}");
        assertThat(post.statusCode()).isEqualTo(504);
        assertThat(a.posts.get() + b.posts.get()).isEqualTo(1);
    }

    @Test
    void postsToAJustKilledOriginAreNeverDeliveredTwice() throws Exception {
        a.kill();
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            statuses.add(fx.post("/api/1.0/catalogitem/1/comments", "{\"n\":" + i + "}").statusCode());
        }
        List<String> bodies = b.received.stream().filter(x -> x.method().equals("POST")).map(TestOrigin.Received::body)
                .toList();
        assertThat(bodies).doesNotHaveDuplicates();
        // A connect failure is retried (nothing was sent); only a POST lost mid-exchange may fail, with 502.
        assertThat(statuses).allMatch(s -> s == 200 || s == 502);
        assertThat(statuses.stream().filter(s -> s == 200).count()).isEqualTo(bodies.size());
    }

    /**
     * The stamp's database dies under load: it answers 503 dependency-unavailable and its health verdict says
     * dependency-down. The first such answer ejects it, the GET that got it is retried on the other stamp, and the
     * stamp that takes the load is never ejected.
     */
    @Test
    void aStampWhoseDependencyDiedIsEjectedOnItsFirst503AndCostsNoFailedGet() throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger ok = new AtomicInteger();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> load = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            load.add(pool.submit(() -> {
                int i = 0;
                while (running.get()) {
                    try {
                        HttpResponse<String> r = fx.get("/api/1.0/catalogitem/" + (i++));
                        if (r.statusCode() == 200) {
                            ok.incrementAndGet();
                        } else {
                            failures.add(r.statusCode() + " " + r.body());
                        }
                    } catch (Exception e) {
                        failures.add(e.toString());
                    }
                }
            }));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> a.received.size() > 50 && b.received.size() > 50);

        a.problem = "dependency-unavailable";
        long failedAt = System.nanoTime();
        await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(5)).until(() -> !healthy("stamp-a"));
        long ejectedMs = (System.nanoTime() - failedAt) / 1_000_000;
        a.healthStatus = 503;
        a.verdict = "dependency-down";
        int servedByA = a.received.size();
        int okThen = ok.get();
        await().atMost(Duration.ofSeconds(20)).until(() -> ok.get() > okThen + 300);

        running.set(false);
        for (Future<?> f : load) {
            f.get(30, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertThat(failures).as("failed GETs").isEmpty();
        assertThat(ejectedMs).as("ms until ejected").isLessThan(1000);
        // Once out, the probes' dependency-down verdict keeps it out: at most the requests already on their way.
        assertThat(a.received.size() - servedByA).isLessThan(20);
        assertThat(healthy("stamp-b")).isTrue();
        assertThat(fx.edge.registry().health("stamp-b").ejections()).isZero();
    }

    /** The stamp left with all the load sheds and rate-limits: that is overload, and it must keep the traffic. */
    @Test
    void theStampThatTakesTheLoadIsNeverEjectedForBeingBusy() throws Exception {
        a.kill();
        await().atMost(Duration.ofSeconds(5)).until(() -> !healthy("stamp-a"));
        for (int i = 0; i < 20; i++) {
            assertThat(fx.get("/api/status/429").statusCode()).isEqualTo(429);
            assertThat(fx.get("/api/problem/overloaded").statusCode()).isEqualTo(503);
        }
        for (int i = 0; i < 5; i++) {
            // Past the per-try timeout; the retry finds only the dead stamp, so the client gets the edge's 5xx.
            assertThat(fx.get("/api/slow/2500").statusCode()).isIn(503, 504);
        }
        assertThat(healthy("stamp-b")).isTrue();
        assertThat(fx.edge.registry().health("stamp-b").ejections()).isZero();
        assertThat(fx.get("/api/1.0/catalogitem/1").statusCode()).isEqualTo(200);
    }

    /** Failures on the last healthy origin are counted but never leave the group empty. */
    @Test
    void theLastServingOriginIsNotEjectedForFailures() throws Exception {
        a.kill();
        await().atMost(Duration.ofSeconds(5)).until(() -> !healthy("stamp-a"));
        for (int i = 0; i < 10; i++) {
            assertThat(fx.get("/api/status/500").statusCode()).isEqualTo(500);
        }
        assertThat(healthy("stamp-b")).isTrue();
        assertThat(b.received.stream().filter(x -> x.uri().equals("/api/status/500")).count()).isEqualTo(10);
    }

    @Test
    void aPostWithAnIdempotencyKeyAnswered503IsRetriedOnTheOtherOriginOnce() throws Exception {
        HttpResponse<String> r = fx.client.send(java.net.http.HttpRequest.newBuilder(fx.uri("/api/status/503"))
                .header("Idempotency-Key", "2b4e6c1a-0d7f-4a51-9a7e-5f3c2d1b0e99")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"rating\":5}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(a.posts.get() + b.posts.get()).isEqualTo(2);
        assertThat(a.posts.get()).isEqualTo(1);
    }
}
