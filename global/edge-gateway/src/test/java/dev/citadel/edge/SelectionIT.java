package dev.citadel.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Priority and weighted selection, measured on real traffic through the edge. */
class SelectionIT {
    @TempDir
    static Path dir;
    static TestOrigin light;
    static TestOrigin heavy;
    static TestOrigin backup;
    static EdgeFixture fx;

    @BeforeAll
    static void start() throws Exception {
        TestPki pki = new TestPki(dir);
        light = new TestOrigin(pki, "light", "light.stamp.test").start();
        heavy = new TestOrigin(pki, "heavy", "heavy.stamp.test").start();
        backup = new TestOrigin(pki, "backup", "backup.stamp.test").start();
        fx = new EdgeFixture(pki, EdgeFixture.singleGroup(light.originYaml(10, 1) + heavy.originYaml(90, 1)
                + backup.originYaml(100, 2)), "");
    }

    @AfterAll
    static void stop() {
        fx.close();
        light.close();
        heavy.close();
        backup.close();
    }

    private Map<String, Integer> send(int n) throws Exception {
        Map<String, Integer> counts = new ConcurrentHashMap<>();
        AtomicInteger left = new AtomicInteger(n);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        for (int t = 0; t < 4; t++) {
            pool.submit(() -> {
                while (left.getAndDecrement() > 0) {
                    try {
                        String origin = fx.get("/api/item").headers().firstValue("X-Origin").orElse("none");
                        counts.merge(origin, 1, Integer::sum);
                    } catch (Exception e) {
                        counts.merge("error", 1, Integer::sum);
                    }
                }
                return null;
            });
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(120, TimeUnit.SECONDS)).isTrue();
        return counts;
    }

    /** Measures only once every origin has a full probe window and is healthy, so start-up is not measured. */
    private static void awaitAllProbedHealthy() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!fx.edge.registry().all().stream().allMatch(v -> {
            var h = fx.edge.registry().health(v.origin().name());
            return h.healthy() && h.probeWindow().size() >= 3;
        })) {
            assertThat(System.nanoTime()).as("all origins probed healthy within 30 s").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    @Test
    void splitsTenToNinetyByWeightAndKeepsTheLowerPriorityOriginIdle() throws Exception {
        awaitAllProbedHealthy();
        Map<String, Integer> counts = send(2000);
        assertThat(counts).doesNotContainKeys("error", "backup");
        // Binomial(2000, 0.1): sd ≈ 13.4, so ±60 is beyond 4 sd; flakiness is negligible.
        assertThat(counts.get("light")).isBetween(140, 260);
        assertThat(counts.get("heavy")).isBetween(1740, 1860);
    }

    @Test
    void failsOverToTheNextPriorityWhenThePreferredOnesAreDisabledAndBack() throws Exception {
        fx.edge.registry().setEnabled("light", false);
        fx.edge.registry().setEnabled("heavy", false);
        try {
            assertThat(send(50)).containsOnlyKeys("backup");
        } finally {
            fx.edge.registry().setEnabled("light", true);
            fx.edge.registry().setEnabled("heavy", true);
        }
        assertThat(send(50)).doesNotContainKey("backup");
    }
}
