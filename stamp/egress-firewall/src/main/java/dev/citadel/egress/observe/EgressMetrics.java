package dev.citadel.egress.observe;

import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * The firewall's meters, scraped from the management listener's {@code /metrics}. Tag values are bounded: sources
 * come from the configuration (or "unauthenticated"), reasons from the reject and failure enums.
 */
public final class EgressMetrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    /** {@code citadel_egress_firewall_decisions_total{source,decision,reason}}. */
    public void decision(String source, String decision, String reason) {
        Counter.builder("citadel.egress.firewall.decisions").description("allow/deny decisions on egress requests")
                .tag("source", source).tag("decision", decision).tag("reason", reason).register(registry).increment();
    }

    /** {@code citadel_egress_firewall_upstream_failures_total{source,reason}}: refused, timed out, reset. */
    public void upstreamFailure(String source, String reason) {
        Counter.builder("citadel.egress.firewall.upstream.failures")
                .description("allowed destinations that refused, timed out or reset").tag("source", source)
                .tag("reason", reason).register(registry).increment();
    }

    /** {@code citadel_egress_firewall_errors_total{where}}: exceptions caught by a handler (then closed). */
    public void error(String where) {
        Counter.builder("citadel.egress.firewall.errors").description("exceptions caught in the proxy pipelines")
                .tag("where", where).register(registry).increment();
    }

    public double count(String name, String... tags) {
        Counter c = registry.find(name).tags(tags).counter();
        return c == null ? 0 : c.count();
    }

    public String scrape() {
        return registry.scrape();
    }
}
