package dev.citadel.edge.observe;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/** The edge's meters, in one Prometheus registry scraped at the management listener's {@code /metrics}. */
public final class EdgeMetrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();
    private final Counter accessLogDropped = Counter.builder("edge.access.log.dropped")
            .description("access-log lines dropped because the log's queue was full").register(registry);

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    public void reject(String reason) {
        Counter.builder("edge.rejects").tag("reason", reason).register(registry).increment();
    }

    /** Called once per request: the timers are cached so the hot path does no meter lookup. */
    public void response(int status, String origin, long nanos) {
        String statusClass = (status / 100) + "xx";
        timers.computeIfAbsent(statusClass + '|' + origin, k -> Timer.builder("edge.requests")
                .tag("status", statusClass).tag("origin", origin).register(registry))
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    public void accessLogDropped() {
        accessLogDropped.increment();
    }

    public void retry(String cause) {
        Counter.builder("edge.upstream.retries").tag("cause", cause).register(registry).increment();
    }

    public void upstreamFailure(String origin, String cause) {
        Counter.builder("edge.upstream.failures").tag("origin", origin).tag("cause", cause).register(registry)
                .increment();
    }

    public void cache(boolean hit) {
        Counter.builder("edge.cache").tag("result", hit ? "hit" : "miss").register(registry).increment();
    }

    public String scrape() {
        return registry.scrape();
    }
}
