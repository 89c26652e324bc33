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
}
