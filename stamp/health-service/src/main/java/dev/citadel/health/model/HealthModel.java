package dev.citadel.health.model;

import dev.citadel.health.config.HealthProperties;
import dev.citadel.health.config.HealthProperties.Threshold;
import dev.citadel.health.signals.Sample;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The stamp's health model (CITADEL.md §5): turns each round's raw signals into windowed values, judges them against
 * the thresholds, and rolls components up into flows and the stamp. Keeps the previous samples to compute rates
 * and means over the window. Called from one thread (the score check); the snapshot it returns is immutable.
 */
public final class HealthModel {
    /**
     * A backlog counts once two consecutive rounds saw it: a burst the processor absorbs within a round is no
     * sickness, and a stalled processor still turns the stamp red within two intervals.
     */
    static final int LAG_SUSTAINED_ROUNDS = 2;

    static final String HTTP_COUNT = "http_server_requests_seconds_count";
    static final String HTTP_SUM = "http_server_requests_seconds_sum";
    static final String ENQUEUE_COUNT = "citadel_processor_enqueue_to_stored_seconds_count";
    static final String ENQUEUE_SUM = "citadel_processor_enqueue_to_stored_seconds_sum";
    static final String PROCESSING_COUNT = "citadel_processor_processing_seconds_count";
    static final String PROCESSING_SUM = "citadel_processor_processing_seconds_sum";
    static final String EVENTS = "citadel_processor_events_total";
    static final String EGRESS = "citadel_egress_requests_total";
    /**
     * Failure reasons of catalog-api's egress counter that mean the egress path itself is broken (could not get out
     * or back). The remote's own answers (http-status, not-an-image, too-large) do not count: the path worked, and
     * one bad image URL must not take a stamp out of rotation.
     */
    static final Set<String> EGRESS_PATH_FAILURES = Set.of("unreachable", "timeout", "io");

    private final String region;
    private final HealthProperties.Model config;
    private final Map<String, Window> windows = new HashMap<>();

    public HealthModel(String region, HealthProperties.Model config) {
        this.region = region;
        this.config = config;
    }

    public ModelSnapshot evaluate(Instant now, ModelInputs in) {
        ComponentHealth api = httpComponent("catalog-api", in.catalogApi(), now);
        ComponentHealth web = httpComponent("web-ui", in.webUi(), now);
        ComponentHealth processor = processor(in.processor(), now);
        ComponentHealth kafka = kafka(in, now);
        ComponentHealth cassandra = cassandra(in.database());
        ComponentHealth egress = egress(in.catalogApi(), now);
        // Item create/update (CITADEL.md §3 flow 4) is the only flow that goes out through the egress path (the
        // item's image is fetched on the way in), so the egress component rolls up there; §5 names no such user
        // flow, it is the API's synchronous write flow.
        List<FlowHealth> flows = List.of(
                FlowHealth.of("list-items", List.of(api, cassandra)),
                FlowHealth.of("show-item", List.of(api, cassandra)),
                FlowHealth.of("add-comment", List.of(api, kafka, processor, cassandra)),
                FlowHealth.of("update-item", List.of(api, egress, cassandra)),
                FlowHealth.of("show-static-content", List.of(web)));
        return ModelSnapshot.of(region, now, config.window().toString(), flows);
    }

    /** A Spring Boot service's request failures (5xx) per minute and mean latency; actuator traffic excluded. */
    private ComponentHealth httpComponent(String name, SourceReading reading, Instant now) {
        if (!reading.configured()) {
            return ComponentHealth.unmonitored(name, "no metrics URL configured");
        }
        if (!reading.ok()) {
            forget(name);
            return ComponentHealth.unknown(name, reading.source(), name + " metrics unreachable: " + reading.failure());
        }
        Predicate<Sample> served = s -> s.label("uri") == null || !s.label("uri").startsWith("/actuator");
        Predicate<Sample> failed = served.and(s -> "SERVER_ERROR".equals(s.label("outcome")));
        Double failures = window(name + "/failures", now, reading.sum(HTTP_COUNT, failed)).perMinute();
        Double latency = mean(name + "/latency", now, reading.sum(HTTP_SUM, served), reading.sum(HTTP_COUNT, served));
        Threshold f = config.apiFailuresPerMinute();
        Threshold l = config.apiMeanLatencyMs();
        return ComponentHealth.of(name, reading.source(), List.of(
                SignalValue.judge("failed-requests-per-minute", failures, "1/min", f.yellow(), f.red()),
                SignalValue.judge("mean-latency-ms", latency, "ms", l.yellow(), l.red())));
    }

    private ComponentHealth processor(SourceReading reading, Instant now) {
        String name = "background-processor";
        if (!reading.configured()) {
            return ComponentHealth.unmonitored(name, "no metrics URL configured");
        }
        if (!reading.ok()) {
            forget(name);
            return ComponentHealth.unknown(name, reading.source(), name + " metrics unreachable: " + reading.failure());
        }
        Double enqueue = mean(name + "/enqueue", now, reading.sum(ENQUEUE_SUM, s -> true),
                reading.sum(ENQUEUE_COUNT, s -> true));
        Double processing = mean(name + "/processing", now, reading.sum(PROCESSING_SUM, s -> true),
                reading.sum(PROCESSING_COUNT, s -> true));
        Double exceptions = window(name + "/exceptions", now,
                reading.sum(EVENTS, s -> "failed".equals(s.label("outcome")))).perMinute();
        Threshold e = config.enqueueToStoredMs();
        Threshold p = config.processingMs();
        Threshold x = config.processorExceptionsPerMinute();
        return ComponentHealth.of(name, reading.source(), List.of(
                SignalValue.judge("enqueue-to-stored-ms", enqueue, "ms", e.yellow(), e.red()),
                SignalValue.judge("processing-ms", processing, "ms", p.yellow(), p.red()),
                SignalValue.judge("exceptions-per-minute", exceptions, "1/min", x.yellow(), x.red())));
    }

    /** The egress path's failures per minute, from catalog-api's image-fetch counter (the same scrape). */
    private ComponentHealth egress(SourceReading reading, Instant now) {
        String name = "egress";
        if (!reading.configured()) {
            return ComponentHealth.unmonitored(name, "no catalog-api metrics URL configured");
        }
        if (!reading.ok()) {
            forget(name);
            return ComponentHealth.unknown(name, reading.source(), "catalog-api metrics unreachable: "
                    + reading.failure());
        }
        if (reading.samples().stream().noneMatch(s -> s.name().equals(EGRESS))) {
            forget(name);
            return ComponentHealth.unmonitored(name, "catalog-api exports no " + EGRESS);
        }
        Double failures = window(name + "/failures", now, reading.sum(EGRESS,
                s -> "failure".equals(s.label("outcome")) && EGRESS_PATH_FAILURES.contains(s.label("reason"))))
                .perMinute();
        Threshold t = config.egressFailuresPerMinute();
        return ComponentHealth.of(name, reading.source() + " (" + EGRESS + ")",
                List.of(SignalValue.judge("failures-per-minute", failures, "1/min", t.yellow(), t.red())));
    }

    private ComponentHealth kafka(ModelInputs in, Instant now) {
        String source = "Kafka admin client (end offsets - committed offsets)";
        if (in.lag() == null) {
            forget("kafka");
            return ComponentHealth.unknown("kafka", source, "consumer lag unreadable: " + in.lagFailure());
        }
        Double sustained = window("kafka/lag", now, in.lag()).sustained(LAG_SUSTAINED_ROUNDS);
        Threshold t = config.kafkaLag();
        return ComponentHealth.of("kafka", source,
                List.of(SignalValue.judge("lag", sustained, "records", t.yellow(), t.red())));
    }

    private ComponentHealth cassandra(ModelInputs.DatabaseReading db) {
        if (db == null) {
            return ComponentHealth.unmonitored("cassandra", "database check disabled or not run yet");
        }
        Threshold t = config.databaseLatencyMs();
        List<SignalValue> signals = new ArrayList<>();
        signals.add(new SignalValue("probe-failed", db.up() ? 0.0 : 1.0, "boolean", 1, 1,
                db.up() ? Level.GREEN : Level.RED, db.up() ? null : db.detail()));
        if (db.up()) {
            signals.add(SignalValue.judge("probe-latency-ms", db.latencyMs(), "ms", t.yellow(), t.red()));
        }
        return ComponentHealth.of("cassandra", "database check (LOCAL_QUORUM write + read)", signals);
    }

    /** Mean of a timer over the window in ms: increase of its sum (seconds) over increase of its count. */
    private Double mean(String key, Instant now, double sumSeconds, double count) {
        Double sum = window(key + "/sum", now, sumSeconds).increase();
        Double n = window(key + "/count", now, count).increase();
        return sum == null || n == null || n <= 0 ? null : sum * 1000.0 / n;
    }

    private Window window(String key, Instant now, double value) {
        Window w = windows.computeIfAbsent(key, k -> new Window(config.window()));
        w.add(now, value);
        return w;
    }

    private void forget(String prefix) {
        windows.forEach((k, w) -> {
            if (k.startsWith(prefix + "/")) {
                w.clear();
            }
        });
    }
}
