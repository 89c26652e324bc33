package dev.citadel.edge.observe;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;

/** The edge's meters, in one Prometheus registry scraped at the management listener's {@code /metrics}. */
public final class EdgeMetrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    /** Per origin, one timer per status class (index = status / 100): no key built, no meter lookup per request. */
    private final Map<String, AtomicReferenceArray<Timer>> timers = new ConcurrentHashMap<>();
    private final Counter cacheHits = Counter.builder("edge.cache").tag("result", "hit").register(registry);
    private final Counter cacheMisses = Counter.builder("edge.cache").tag("result", "miss").register(registry);
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
        int statusClass = status >= 100 && status < 600 ? status / 100 : 0;
        AtomicReferenceArray<Timer> byClass = timers.computeIfAbsent(origin, k -> new AtomicReferenceArray<>(6));
        Timer timer = byClass.get(statusClass);
        if (timer == null) {
            // Event loops share this array: two may both register, and the registry returns the same meter to both.
            timer = Timer.builder("edge.requests").tag("status", statusClass == 0 ? "other" : statusClass + "xx")
                    .tag("origin", origin).register(registry);
            byClass.set(statusClass, timer);
        }
        timer.record(nanos, TimeUnit.NANOSECONDS);
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

    /** @param listener {@code public}, {@code management} or {@code origin} */
    public void tlsHandshakeFailure(String listener) {
        Counter.builder("edge.tls.handshake.failures").tag("listener", listener).register(registry).increment();
    }

    public void cache(boolean hit) {
        (hit ? cacheHits : cacheMisses).increment();
    }

    public String scrape() {
        return registry.scrape();
    }
}
