package dev.citadel.health.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.citadel.health.config.HealthProperties;
import dev.citadel.health.signals.PrometheusText;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class HealthModelTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final ModelInputs.DatabaseReading DB_OK = new ModelInputs.DatabaseReading(true, 12, "ok");

    private final HealthModel model = new HealthModel("r1", defaults());

    static HealthProperties.Model defaults() {
        return new HealthProperties.Model(Duration.ofMinutes(1), null, null, null, null, null, null, null,
                null);
    }

    private static SourceReading api(double ok, double failed, double sumSeconds) {
        return SourceReading.of("http://api/actuator/prometheus", PrometheusText.parse(
                "http_server_requests_seconds_count{outcome=\"SUCCESS\",uri=\"/api/1.0/catalogitem\"} " + ok + "\n"
                + "http_server_requests_seconds_count{outcome=\"SERVER_ERROR\",uri=\"/api/1.0/catalogitem\"} " + failed
                + "\n"
                + "http_server_requests_seconds_sum{outcome=\"SUCCESS\",uri=\"/api/1.0/catalogitem\"} " + sumSeconds
                + "\n"
                // Scrapes themselves must not count: thousands of fast actuator calls would hide slow API calls.
                + "http_server_requests_seconds_count{outcome=\"SERVER_ERROR\",uri=\"/actuator/prometheus\"} 999\n"));
    }

    private static SourceReading processor(double stored, double enqueueSeconds, double failed) {
        return SourceReading.of("http://proc/actuator/prometheus", PrometheusText.parse(
                "citadel_processor_enqueue_to_stored_seconds_count " + stored + "\n"
                + "citadel_processor_enqueue_to_stored_seconds_sum " + enqueueSeconds + "\n"
                + "citadel_processor_processing_seconds_count " + stored + "\n"
                + "citadel_processor_processing_seconds_sum " + stored * 0.01 + "\n"
                + "citadel_processor_events_total{outcome=\"failed\"} " + failed + "\n"
                + "citadel_processor_events_total{outcome=\"stored\"} " + stored + "\n"));
    }

    private ModelSnapshot at(int seconds, SourceReading api, SourceReading proc, Long lag) {
        return model.evaluate(T0.plusSeconds(seconds), new ModelInputs(api, proc, SourceReading.notConfigured(), lag,
                lag == null ? "TimeoutException" : null, DB_OK));
    }

    private static ComponentHealth component(ModelSnapshot s, String name) {
        return s.flows().stream().flatMap(f -> f.components().stream()).filter(c -> c.name().equals(name))
                .findFirst().orElseThrow();
    }

    @Test
    void isGreenWithScoreOneWhenEverySignalIsBelowYellow() {
        at(0, api(0, 0, 0), processor(0, 0, 0), 0L);
        ModelSnapshot s = at(60, api(599, 1, 6), processor(100, 5, 0), 1L); // 600 requests, 6 s in all
        assertThat(s.status()).isEqualTo(Level.GREEN);
        assertThat(s.score()).isEqualTo(1.0);
        assertThat(component(s, "catalog-api").signals()).extracting(SignalValue::value).containsExactly(1.0, 10.0);
        assertThat(component(s, "background-processor").signals().get(0).value()).isEqualTo(50.0);
    }

    @Test
    void turnsRedWhenCatalogApiFailuresPerMinuteReachFifty() {
        at(0, api(0, 0, 0), processor(0, 0, 0), 0L);
        ModelSnapshot s = at(30, api(10, 25, 0.1), processor(0, 0, 0), 0L); // 25 in 30 s = 50/min
        ComponentHealth api = component(s, "catalog-api");
        assertThat(api.status()).isEqualTo(Level.RED);
        assertThat(api.score()).isEqualTo(0.5);
        assertThat(s.status()).isEqualTo(Level.RED);
        FlowHealth statics = s.flows().stream().filter(f -> f.name().equals("show-static-content")).findFirst()
                .orElseThrow();
        assertThat(statics.status()).as("a flow without catalog-api stays green").isEqualTo(Level.GREEN);
    }

    @Test
    void scoresAComponentWithAYellowAndARedSignalAtAQuarter() {
        at(0, api(0, 0, 0), processor(0, 0, 0), 0L);
        // 15 failures in 60 s (yellow) and a mean of 1 s per request (red).
        ModelSnapshot s = at(60, api(5, 15, 20), processor(0, 0, 0), 0L);
        assertThat(component(s, "catalog-api").score()).isEqualTo(0.25);
        assertThat(s.score()).isEqualTo(0.25);
    }

    @Test
    void judgesLagOnItsSustainedLevelSoOneSpikeIsNotRed() {
        at(0, api(0, 0, 0), processor(0, 0, 0), 0L);
        ModelSnapshot spike = at(10, api(0, 0, 0), processor(0, 0, 0), 50L);
        assertThat(component(spike, "kafka").status()).isEqualTo(Level.GREEN);
        at(65, api(0, 0, 0), processor(0, 0, 0), 40L);
        ModelSnapshot sustained = at(75, api(0, 0, 0), processor(0, 0, 0), 45L);
        assertThat(component(sustained, "kafka").status()).isEqualTo(Level.RED);
        assertThat(component(sustained, "kafka").signals().get(0).value()).isEqualTo(40.0);
        FlowHealth comment = sustained.flows().stream().filter(f -> f.name().equals("add-comment")).findFirst()
                .orElseThrow();
        assertThat(comment.status()).isEqualTo(Level.RED);
        assertThat(sustained.flows().stream().filter(f -> f.name().equals("list-items")).findFirst().orElseThrow()
                .status()).isEqualTo(Level.GREEN);
    }

    @Test
    void turnsLagRedOnTheSecondConsecutiveRoundOverTheLine() {
        at(0, api(0, 0, 0), processor(0, 0, 0), 0L);
        assertThat(component(at(10, api(0, 0, 0), processor(0, 0, 0), 21L), "kafka").status()).isEqualTo(Level.GREEN);

        ModelSnapshot second = at(20, api(0, 0, 0), processor(0, 0, 0), 23L);

        assertThat(component(second, "kafka").status()).isEqualTo(Level.RED);
        assertThat(component(second, "kafka").signals().get(0).value()).isEqualTo(21.0);
        assertThat(second.status()).isEqualTo(Level.RED);
        assertThat(component(at(30, api(0, 0, 0), processor(0, 0, 0), 0L), "kafka").status()).isEqualTo(Level.GREEN);
    }

    @Test
    void marksAnUnreachableSourceUnknownAndNamesIt() {
        ModelSnapshot s = at(0, SourceReading.failed("https://api:9443/actuator/prometheus",
                "ConnectException: Connection refused"), processor(0, 0, 0), 0L);
        ComponentHealth api = component(s, "catalog-api");
        assertThat(api.status()).isEqualTo(Level.UNKNOWN);
        assertThat(api.score()).isEqualTo(0.75);
        assertThat(api.note()).contains("catalog-api metrics unreachable").contains("Connection refused");
        assertThat(api.source()).isEqualTo("https://api:9443/actuator/prometheus");
        assertThat(s.status()).as("blind is not red").isEqualTo(Level.UNKNOWN);
    }

    @Test
    void marksUnreadableLagUnknownAndAFailedDatabaseCheckRed() {
        ModelSnapshot s = model.evaluate(T0, new ModelInputs(SourceReading.notConfigured(),
                SourceReading.notConfigured(), SourceReading.notConfigured(), null, "TimeoutException: lag",
                new ModelInputs.DatabaseReading(false, 0, "NoNodeAvailableException")));
        assertThat(component(s, "kafka").status()).isEqualTo(Level.UNKNOWN);
        assertThat(component(s, "kafka").note()).contains("TimeoutException");
        assertThat(component(s, "cassandra").status()).isEqualTo(Level.RED);
        assertThat(component(s, "catalog-api").note()).contains("no metrics URL configured");
        assertThat(s.status()).isEqualTo(Level.RED);
    }

    @Test
    void ignoresCounterResetsOfARestartedService() {
        at(0, api(1000, 500, 10), processor(0, 0, 0), 0L);
        ModelSnapshot s = at(60, api(10, 0, 0.1), processor(0, 0, 0), 0L);
        assertThat(component(s, "catalog-api").status()).isEqualTo(Level.GREEN);
    }

    @Test
    void rollsUpTheStampAsTheWorstFlow() {
        ModelSnapshot s = ModelSnapshot.of("r", T0, "PT1M", List.of(
                FlowHealth.of("a", List.of(ComponentHealth.of("x", "s", List.of(
                        SignalValue.judge("v", 5.0, "ms", 3, 10))))),
                FlowHealth.of("b", List.of(ComponentHealth.unmonitored("y", "none")))));
        assertThat(s.status()).isEqualTo(Level.YELLOW);
        assertThat(s.score()).isEqualTo(0.75);
    }
    /** catalog-api's samples including its egress counter: path failures, remote refusals, successes. */
    private static SourceReading apiWithEgress(double unreachable, double timeout, double httpStatus) {
        return SourceReading.of("http://api/actuator/prometheus", PrometheusText.parse(
                "http_server_requests_seconds_count{outcome=\"SUCCESS\",uri=\"/api/1.0/catalogitem\"} 10\n"
                + "http_server_requests_seconds_sum{outcome=\"SUCCESS\",uri=\"/api/1.0/catalogitem\"} 0.1\n"
                + "citadel_egress_requests_total{outcome=\"success\",reason=\"none\"} 40\n"
                + "citadel_egress_requests_total{outcome=\"failure\",reason=\"unreachable\"} " + unreachable + "\n"
                + "citadel_egress_requests_total{outcome=\"failure\",reason=\"timeout\"} " + timeout + "\n"
                + "citadel_egress_requests_total{outcome=\"failure\",reason=\"io\"} 0\n"
                + "citadel_egress_requests_total{outcome=\"failure\",reason=\"http-status\"} " + httpStatus + "\n"));
    }

    private static FlowHealth flow(ModelSnapshot s, String name) {
        return s.flows().stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void turnsEgressRedAtTenPathFailuresPerMinuteAndRollsItUpThroughItemUpdates() {
        at(0, apiWithEgress(0, 0, 0), processor(0, 0, 0), 0L);
        ModelSnapshot s = at(60, apiWithEgress(6, 4, 0), processor(0, 0, 0), 0L);
        ComponentHealth egress = component(s, "egress");
        assertThat(egress.signals()).extracting(SignalValue::name, SignalValue::value, SignalValue::status)
                .containsExactly(org.assertj.core.api.Assertions.tuple("failures-per-minute", 10.0, Level.RED));
        assertThat(egress.score()).isEqualTo(0.5);
        assertThat(flow(s, "update-item").status()).isEqualTo(Level.RED);
        assertThat(flow(s, "list-items").status()).as("reads do not go out").isEqualTo(Level.GREEN);
        assertThat(s.status()).as("red anywhere takes the stamp out").isEqualTo(Level.RED);
    }

    @Test
    void turnsEgressYellowAtThreePathFailuresPerMinute() {
        at(0, apiWithEgress(0, 0, 0), processor(0, 0, 0), 0L);
        ModelSnapshot s = at(60, apiWithEgress(2, 1, 0), processor(0, 0, 0), 0L);
        assertThat(component(s, "egress").status()).isEqualTo(Level.YELLOW);
        assertThat(component(s, "egress").score()).isEqualTo(0.75);
        assertThat(s.score()).isEqualTo(0.75);
    }

    @Test
    void doesNotCountTheRemotesOwnRefusalsAgainstTheEgressPath() {
        at(0, apiWithEgress(0, 0, 0), processor(0, 0, 0), 0L);
        ModelSnapshot s = at(60, apiWithEgress(0, 0, 500), processor(0, 0, 0), 0L); // 500 image URLs answered 404
        assertThat(component(s, "egress").status()).isEqualTo(Level.GREEN);
        assertThat(component(s, "egress").signals().get(0).value()).isZero();
    }

    @Test
    void leavesEgressUnmonitoredWhenCatalogApiExportsNoEgressCounter() {
        at(0, api(0, 0, 0), processor(0, 0, 0), 0L);
        ModelSnapshot s = at(60, api(10, 0, 0.1), processor(0, 0, 0), 0L);
        assertThat(component(s, "egress").status()).isEqualTo(Level.GREEN);
        assertThat(component(s, "egress").note()).contains("citadel_egress_requests_total");
        assertThat(component(s, "egress").signals()).isEmpty();
    }

    @Test
    void marksEgressUnknownWhenCatalogApiCannotBeScraped() {
        ModelSnapshot s = at(0, SourceReading.failed("https://api:9443/actuator/prometheus",
                "ConnectException: Connection refused"), processor(0, 0, 0), 0L);
        assertThat(component(s, "egress").status()).isEqualTo(Level.UNKNOWN);
        assertThat(component(s, "egress").note()).contains("Connection refused");
    }
}
