package dev.citadel.health.signals;

import java.util.Map;

/**
 * One line of a Prometheus text exposition.
 *
 * @param name   metric name, e.g. {@code http_server_requests_seconds_count}
 * @param labels label names to values
 * @param value  the sample value ({@code NaN} and infinities allowed)
 */
public record Sample(String name, Map<String, String> labels, double value) {

    public Sample {
        labels = Map.copyOf(labels);
    }

    public String label(String key) {
        return labels.get(key);
    }
}
