package dev.citadel.health.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.citadel.health.signals.PrometheusText;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The model reads the names Micrometer really exposes: the services' meters (catalog-api's
 * {@code http.server.requests}, the processor's {@code citadel.processor.*}, same definitions as
 * {@code ProcessorMetrics}, catalog-api's {@code citadel.egress.requests}) registered in a real {@link PrometheusMeterRegistry}, scraped as text 0.0.4, parsed and
 * evaluated.
 */
class MicrometerExpositionTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void evaluatesTheSeriesMicrometerExposesForCatalogApiAndTheProcessor() {
        PrometheusMeterRegistry api = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        PrometheusMeterRegistry processor = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Timer ok = Timer.builder("http.server.requests").tags("outcome", "SUCCESS", "uri", "/api/1.0/catalogitem",
                "status", "200", "method", "GET", "exception", "none", "error", "none").register(api);
        Timer failed = Timer.builder("http.server.requests").tags("outcome", "SERVER_ERROR",
                "uri", "/api/1.0/catalogitem", "status", "500", "method", "GET", "exception", "X", "error", "X")
                .register(api);
        Timer scrape = Timer.builder("http.server.requests").tags("outcome", "SUCCESS", "uri", "/actuator/prometheus",
                "status", "200", "method", "GET", "exception", "none", "error", "none").register(api);
        Timer enqueue = Timer.builder("citadel.processor.enqueue.to.stored").publishPercentileHistogram()
                .serviceLevelObjectives(Duration.ofMillis(200), Duration.ofSeconds(1)).register(processor);
        Timer processing = Timer.builder("citadel.processor.processing")
                .serviceLevelObjectives(Duration.ofMillis(100), Duration.ofMillis(200)).register(processor);
        Counter exceptions = Counter.builder("citadel.processor.events").tag("outcome", "failed").register(processor);
        // catalog-api's egress counter, as EgressCalls registers it (every series up front).
        Counter egressOk = Counter.builder("citadel.egress.requests").tags("outcome", "success", "reason", "none")
                .register(api);
        Counter egressUnreachable = Counter.builder("citadel.egress.requests")
                .tags("outcome", "failure", "reason", "unreachable").register(api);
        Counter egressRefusedByRemote = Counter.builder("citadel.egress.requests")
                .tags("outcome", "failure", "reason", "http-status").register(api);

        HealthModel model = new HealthModel("r1", HealthModelTest.defaults());
        model.evaluate(T0, inputs(api, processor));
        for (int i = 0; i < 100; i++) {
            ok.record(Duration.ofMillis(20));
            scrape.record(Duration.ofSeconds(5)); // must not count as API latency
        }
        for (int i = 0; i < 60; i++) {
            failed.record(Duration.ofMillis(20));
        }
        for (int i = 0; i < 10; i++) {
            enqueue.record(Duration.ofMillis(300));
            processing.record(Duration.ofMillis(50));
        }
        exceptions.increment(4);
        egressOk.increment(20);
        egressUnreachable.increment(5);
        egressRefusedByRemote.increment(7);
        ModelSnapshot s = model.evaluate(T0.plusSeconds(60), inputs(api, processor));

        ComponentHealth apiHealth = component(s, "catalog-api");
        assertThat(apiHealth.signals()).extracting(SignalValue::name, SignalValue::value, SignalValue::status)
                .containsExactly(
                        tuple("failed-requests-per-minute", 60.0, Level.RED),
                        tuple("mean-latency-ms", 20.0, Level.GREEN));
        ComponentHealth proc = component(s, "background-processor");
        assertThat(proc.signals()).extracting(SignalValue::name, SignalValue::value, SignalValue::status)
                .containsExactly(
                        tuple("enqueue-to-stored-ms", 300.0, Level.YELLOW),
                        tuple("processing-ms", 50.0, Level.GREEN),
                        tuple("exceptions-per-minute", 4.0, Level.YELLOW));
        assertThat(component(s, "egress").signals()).extracting(SignalValue::name, SignalValue::value,
                SignalValue::status).containsExactly(tuple("failures-per-minute", 5.0, Level.YELLOW));
    }

    private static ModelInputs inputs(PrometheusMeterRegistry api, PrometheusMeterRegistry processor) {
        return new ModelInputs(
                SourceReading.of("api", PrometheusText.parse(api.scrape("text/plain; version=0.0.4; charset=utf-8"))),
                SourceReading.of("proc",
                        PrometheusText.parse(processor.scrape("text/plain; version=0.0.4; charset=utf-8"))),
                SourceReading.notConfigured(), 0L, null, null);
    }

    private static ComponentHealth component(ModelSnapshot s, String name) {
        return s.flows().stream().flatMap(f -> f.components().stream()).filter(c -> c.name().equals(name))
                .findFirst().orElseThrow();
    }
}
