package dev.citadel.cli.release;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the edge counted for one origin: responses, those that were 5xx, the summed response time, and upstream
 * attempts that failed before any answer (a refused connection, a reset) — those the edge retried elsewhere, so the
 * client never saw them, but they are the new unit's failures all the same. Read from the edge's Prometheus
 * {@code /metrics} ({@code edge_requests_seconds_count|sum{origin,status}}, {@code edge_upstream_failures_total});
 * the difference of two scrapes is one soak window.
 */
public record OriginStats(long requests, long errors, double latencySeconds, long upstreamFailures) {

    public static final OriginStats NONE = new OriginStats(0, 0, 0, 0);

    private static final Pattern SAMPLE = Pattern.compile(
            "^(edge_requests_seconds_count|edge_requests_seconds_sum|edge_upstream_failures_total)\\{([^}]*)}\\s+(\\S+)");
    private static final Pattern LABEL = Pattern.compile("(\\w+)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    /** Per origin name, from one scrape. Lines of other meters are ignored. */
    public static Map<String, OriginStats> parse(String prometheusText) {
        Map<String, OriginStats> byOrigin = new LinkedHashMap<>();
        for (String line : prometheusText.split("\n")) {
            Matcher m = SAMPLE.matcher(line);
            if (!m.find()) {
                continue;
            }
            Map<String, String> labels = new LinkedHashMap<>();
            Matcher l = LABEL.matcher(m.group(2));
            while (l.find()) {
                labels.put(l.group(1), l.group(2));
            }
            String origin = labels.get("origin");
            if (origin == null) {
                continue;
            }
            String cause = labels.getOrDefault("cause", "");
            if (cause.startsWith("overload")) {
                // 429 and shedding 503s say "busy", not "broken": the edge does not count them against an origin either.
                continue;
            }
            double value = Double.parseDouble(m.group(3));
            boolean error = "5xx".equals(labels.get("status"));
            OriginStats add = switch (m.group(1)) {
                case "edge_requests_seconds_count" -> new OriginStats((long) value, error ? (long) value : 0, 0, 0);
                case "edge_requests_seconds_sum" -> new OriginStats(0, 0, value, 0);
                default -> new OriginStats(0, 0, 0, (long) value);
            };
            byOrigin.merge(origin, add, OriginStats::plus);
        }
        return byOrigin;
    }

    public OriginStats plus(OriginStats o) {
        return new OriginStats(requests + o.requests, errors + o.errors, latencySeconds + o.latencySeconds,
                upstreamFailures + o.upstreamFailures);
    }

    /** This scrape minus an earlier one: what happened in between. */
    public OriginStats minus(OriginStats earlier) {
        return new OriginStats(requests - earlier.requests, errors - earlier.errors,
                latencySeconds - earlier.latencySeconds, upstreamFailures - earlier.upstreamFailures);
    }

    /** The window of {@code origins} between two scrapes, summed (one unit = its origins in every group). */
    public static OriginStats window(Map<String, OriginStats> before, Map<String, OriginStats> after,
                                     Collection<String> origins) {
        OriginStats sum = NONE;
        for (String origin : origins) {
            sum = sum.plus(after.getOrDefault(origin, NONE).minus(before.getOrDefault(origin, NONE)));
        }
        return sum;
    }

    /** Failed attempts (5xx answers and failures before an answer) per attempt; 0 without any. */
    public double errorRate() {
        long attempts = requests + upstreamFailures;
        return attempts == 0 ? 0 : (double) (errors + upstreamFailures) / attempts;
    }

    /** Mean response time in milliseconds; 0 without responses. */
    public double meanLatencyMillis() {
        return requests == 0 ? 0 : latencySeconds * 1000 / requests;
    }
}
