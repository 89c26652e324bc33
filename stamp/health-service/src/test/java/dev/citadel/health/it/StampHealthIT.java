package dev.citadel.health.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.citadel.catalog.event.EventCodec;
import dev.citadel.catalog.event.HealthProbe;
import dev.citadel.health.HealthServiceApplication;
import dev.citadel.health.check.DependencyCalls;
import dev.citadel.testkit.SharedEngines;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The service in-process against the shared engines (interval 1 s, window 5 s): healthy with every check up; the
 * state switch out and in (also across a restart); lag piling up while nobody consumes; catalog-api failures over
 * the red line; and probe load that must not move the dependency call counters beyond the rounds'.
 */
@SpringBootTest(classes = HealthServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StampHealthIT {

    private static final Logger LOG = LoggerFactory.getLogger(StampHealthIT.class);
    private static final Duration FLIP = Duration.ofSeconds(30);
    private static HealthEngines fixture;
    private static GroupCatchUp processor;
    private static MetricsServer catalogApi;
    private static Path stateFile;

    @LocalServerPort
    int port;
    @LocalManagementPort
    int managementPort;
    @Autowired
    DependencyCalls calls;

    private final Probes probes = new Probes();

    @DynamicPropertySource
    static void engines(DynamicPropertyRegistry registry) throws Exception {
        stateFile = Files.createTempDirectory("health-it").resolve("rotation.state");
        fixture = new HealthEngines(SharedEngines.get().kafka(), "dc1", stateFile);
        processor = new GroupCatchUp(fixture.kafka.admin(), fixture.topic, fixture.group);
        catalogApi = new MetricsServer();
        fixture.properties().forEach((k, v) -> registry.add(k, () -> v));
        registry.add("citadel.health.signals.catalog-api-metrics-url", catalogApi::url);
    }

    @AfterAll
    static void stopStandIns() {
        if (processor != null) {
            processor.close();
        }
        if (catalogApi != null) {
            catalogApi.close();
        }
    }

    @BeforeEach
    void startsHealthy() {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
                .until(() -> probes.status(port, "/health/stamp") == 200);
    }

    /** Polls until {@code /health/stamp} answers {@code status}; returns how long that took. */
    private Duration flipsTo(int status) {
        long t0 = System.nanoTime();
        await().atMost(FLIP).pollInterval(Duration.ofMillis(100))
                .until(() -> probes.status(port, "/health/stamp") == status);
        return Duration.ofNanos(System.nanoTime() - t0);
    }

    @Test
    @Order(1)
    void reportsEveryCheckUpWithDurationAndLastRun() throws Exception {
        HttpResponse<String> r = probes.get(port, "/health/stamp");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("\"status\":\"healthy\"", "\"region\":\"it-region\"",
                "\"name\":\"database\"", "\"name\":\"message-broker\"", "\"name\":\"health-score\"",
                "\"name\":\"state-switch\"", "\"durationMs\"", "\"lastRun\"").doesNotContain("DOWN");
        assertThat(probes.status(port, "/health/liveness")).isEqualTo(200);
        HttpResponse<String> model = probes.get(port, "/health/model");
        assertThat(model.body()).contains("\"list-items\"", "\"add-comment\"", "\"show-static-content\"",
                "\"name\":\"kafka\"", "\"name\":\"cassandra\"", "\"failed-requests-per-minute\"");
    }

    @Test
    @Order(2)
    void answers503WhileTakenOutOfRotationAndAgainAfterARestartThen200WhenBackIn() throws Exception {
        HttpResponse<String> out = probes.post(managementPort, "/actuator/rotation", "{\"state\":\"out\"}");
        assertThat(out.statusCode()).isEqualTo(200);
        assertThat(probes.status(port, "/health/stamp")).as("the switch acts on the very next probe").isEqualTo(503);
        assertThat(probes.get(managementPort, "/actuator/rotation").body()).contains("\"state\":\"out\"");
        assertThat(Files.readString(stateFile).strip()).isEqualTo("out");

        // A second instance on the same state file (a restart) comes up out of rotation.
        // Command-line arguments, as the CLI passes them: they override application.yaml (default properties do not).
        try (ConfigurableApplicationContext restarted = new SpringApplicationBuilder(HealthServiceApplication.class)
                .run("--server.port=0", "--management.server.port=0", "--citadel.management.plaintext-allowed=true",
                        "--citadel.health.state-file=" + stateFile,
                        "--citadel.health.checks.database.enabled=false",
                        "--citadel.health.checks.message-broker.enabled=false",
                        "--citadel.health.checks.health-score.enabled=false")) {
            int restartedPort = restarted.getEnvironment().getProperty("local.server.port", Integer.class);
            HttpResponse<String> r = probes.get(restartedPort, "/health/stamp");
            assertThat(r.statusCode()).isEqualTo(503);
            assertThat(r.body()).contains("taken out of rotation");
        }

        assertThat(probes.post(managementPort, "/actuator/rotation", "{\"state\":\"in\"}").statusCode())
                .isEqualTo(200);
        assertThat(flipsTo(200)).isLessThan(Duration.ofSeconds(2));
        assertThat(probes.post(managementPort, "/actuator/rotation", "{\"state\":\"maybe\"}").statusCode())
                .isEqualTo(400);
    }

    @Test
    @Order(3)
    void answers503WhileTheProcessorsLagPilesUpAndRecoversWhenItCatchesUp() throws Exception {
        processor.pause();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(adminProducer())) {
            EventCodec codec = new EventCodec();
            for (int i = 0; i < 25; i++) {
                HealthProbe event = new HealthProbe(UUID.randomUUID(), "it", System.currentTimeMillis(), 0);
                producer.send(new ProducerRecord<>(fixture.topic, event.key(), codec.encode(event)))
                        .get(30, TimeUnit.SECONDS);
            }
        }
        Duration down = flipsTo(503);
        assertThat(probes.get(port, "/health/stamp").body()).contains("kafka (lag=");
        assertThat(probes.get(port, "/health/model").body()).contains("\"name\":\"kafka\",\"status\":\"red\"");
        processor.resume();
        Duration up = flipsTo(200);
        LOG.info("lag: 503 after {} ms (window 5 s), 200 after {} ms", down.toMillis(), up.toMillis());
    }

    @Test
    @Order(4)
    void answers503WhileCatalogApiFailuresAreOverTheRedLineAndRecoversAfterTheWindow() throws Exception {
        long t0 = System.nanoTime();
        Thread injector = new Thread(() -> {
            // 5 failed requests every 100 ms = 3000 per minute, far over the red line of 50.
            while (!Thread.currentThread().isInterrupted()) {
                catalogApi.failed.addAndGet(5);
                catalogApi.succeeded.addAndGet(5);
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        injector.start();
        Duration down;
        try {
            down = flipsTo(503);
            assertThat(probes.get(port, "/health/stamp").body()).contains("catalog-api (failed-requests-per-minute=");
        } finally {
            injector.interrupt();
            injector.join();
        }
        Duration up = flipsTo(200);
        LOG.info("catalog-api failures: 503 after {} ms, 200 after {} ms (window 5 s), total {} ms",
                down.toMillis(), up.toMillis(), Duration.ofNanos(System.nanoTime() - t0).toMillis());
    }

    @Test
    @Order(5)
    void serves200ProbesPerSecondForTenSecondsWithoutExtraDependencyCalls() throws Exception {
        long callsBefore = calls.total();
        long roundsBefore = calls.rounds();
        List<CompletableFuture<HttpResponse<Void>>> answers = new ArrayList<>();
        HttpRequest probe = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/stamp"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(30)).build();
        long start = System.nanoTime();
        for (int i = 0; i < 2000; i++) {
            long due = start + i * 5_000_000L; // one every 5 ms = 200/s
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            answers.add(probes.client().sendAsync(probe, HttpResponse.BodyHandlers.discarding()));
        }
        long okCount = 0;
        for (CompletableFuture<HttpResponse<Void>> a : answers) {
            if (a.get(60, TimeUnit.SECONDS).statusCode() == 200) {
                okCount++;
            }
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        long rounds = calls.rounds() - roundsBefore;
        long dependencyCalls = calls.total() - callsBefore;
        LOG.info("probe load: 2000 HEAD probes in {} ms, {} answered 200; {} rounds made {} dependency calls",
                took.toMillis(), okCount, rounds, dependencyCalls);
        assertThat(okCount).isEqualTo(2000);
        // Per round: Cassandra, Kafka produce, Kafka admin (lag), one scrape; +1 round that may be in flight.
        assertThat(dependencyCalls).isLessThanOrEqualTo((rounds + 1) * 4);
        assertThat(rounds).isLessThanOrEqualTo(took.toSeconds() + 2);
    }

    private static Properties adminProducer() {
        Properties p = fixture.kafka.adminProperties();
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return p;
    }
}
