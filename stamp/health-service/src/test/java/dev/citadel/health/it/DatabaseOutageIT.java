package dev.citadel.health.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.citadel.health.HealthServiceApplication;
import dev.citadel.testkit.SharedEngines;
import dev.citadel.testkit.TestEngines;
import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The stamp's Cassandra DC becomes unreachable: the service is the stamp of {@code dc2}; the dc2 node of the test
 * tier is stopped (and started again before the test ends, as the testkit requires), while dc1 stays up — the
 * session must not fail over to it. Only the database check runs here.
 */
@SpringBootTest(classes = HealthServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class DatabaseOutageIT {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseOutageIT.class);
    private static final String NODE = "cassandra-dc2";

    @LocalServerPort
    int port;

    private final Probes probes = new Probes();

    @DynamicPropertySource
    static void engines(DynamicPropertyRegistry registry) throws Exception {
        HealthEngines fixture = new HealthEngines(SharedEngines.get().kafka(), "dc2",
                Files.createTempDirectory("health-it").resolve("rotation.state"));
        fixture.properties().forEach((k, v) -> registry.add(k, () -> v));
        registry.add("citadel.health.checks.message-broker.enabled", () -> "false");
        registry.add("citadel.health.checks.health-score.enabled", () -> "false");
        // Rounds far apart: a verdict that turns red within seconds can only come from the driver's push.
        registry.add("citadel.health.interval", () -> "30s");
    }

    @Test
    void answers503WhileTheStampsDataCentreIsDownAnd200AfterItIsBack() throws Exception {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
                .until(() -> probes.status(port, "/health/stamp") == 200);
        TestEngines engines = SharedEngines.get();
        engines.tier().stopCassandra(NODE);
        long down;
        try {
            long t0 = System.nanoTime();
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                    .until(() -> probes.status(port, "/health/stamp") == 503);
            down = (System.nanoTime() - t0) / 1_000_000;
            var verdict = probes.get(port, "/health/stamp");
            assertThat(verdict.body()).containsPattern("\"name\":\"database\",\"status\":\"DOWN\"");
            assertThat(verdict.headers().firstValue("X-Citadel-Verdict")).hasValue("dependency-down");
            assertThat(down).as("ms from the stop to 503, with rounds 30 s apart").isLessThan(5_000);
        } finally {
            engines.tier().startCassandra(NODE);
        }
        long t1 = System.nanoTime();
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250))
                .until(() -> probes.status(port, "/health/stamp") == 200);
        assertThat(probes.get(port, "/health/stamp").headers().firstValue("X-Citadel-Verdict")).isEmpty();
        LOG.info("dc2 outage: 503 {} ms after the stop (driver push, rounds 30 s apart); 200 {} ms after the node "
                + "was ready again", down, (System.nanoTime() - t1) / 1_000_000);
    }
}
