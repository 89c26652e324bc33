package dev.citadel.health.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.citadel.health.HealthServiceApplication;
import dev.citadel.platform.engines.DataTier;
import dev.citadel.testkit.DedicatedEngines;
import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The stamp's broker stops: the message broker check fails, {@code /health/stamp} answers 503, and 200 again once
 * the broker is back. A dedicated broker, so the shared one is never stopped; the health score is disabled here
 * ({@code checks.health-score.enabled=false}) so that only the broker check decides.
 */
@SpringBootTest(classes = HealthServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class BrokerOutageIT {

    private static final Logger LOG = LoggerFactory.getLogger(BrokerOutageIT.class);
    private static final String BROKER = "kafka-health-outage";
    private static DataTier broker;

    @LocalServerPort
    int port;

    private final Probes probes = new Probes();

    @DynamicPropertySource
    static void engines(DynamicPropertyRegistry registry) throws Exception {
        broker = DedicatedEngines.kafka(BROKER);
        HealthEngines fixture = new HealthEngines(broker.kafka(BROKER), "dc1",
                Files.createTempDirectory("health-it").resolve("rotation.state"));
        fixture.properties().forEach((k, v) -> registry.add(k, () -> v));
        registry.add("citadel.health.checks.health-score.enabled", () -> "false");
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.stop();
        }
    }

    @Test
    void answers503WhileTheBrokerIsStoppedAnd200AfterItIsBack() throws Exception {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
                .until(() -> probes.status(port, "/health/stamp") == 200);
        assertThat(probes.get(port, "/health/stamp").body()).doesNotContain("health-score");

        broker.stopKafka(BROKER);
        long t0 = System.nanoTime();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> probes.status(port, "/health/stamp") == 503);
        long down = (System.nanoTime() - t0) / 1_000_000;
        assertThat(probes.get(port, "/health/stamp").body())
                .containsPattern("\"name\":\"message-broker\",\"status\":\"DOWN\"")
                .containsPattern("\"name\":\"database\",\"status\":\"UP\"");

        broker.startKafka(BROKER);
        long t1 = System.nanoTime();
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250))
                .until(() -> probes.status(port, "/health/stamp") == 200);
        LOG.info("broker outage: 503 {} ms after the stop (interval 1 s, timeout 3 s); 200 {} ms after the start "
                + "call returned", down, (System.nanoTime() - t1) / 1_000_000);
    }
}
