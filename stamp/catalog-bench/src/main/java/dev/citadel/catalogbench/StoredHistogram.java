package dev.citadel.catalogbench;

import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the processor's {@code citadel_processor_enqueue_to_stored_seconds} Prometheus histogram, so that the
 * 202 -> readable row can be split: how much of it the processor's own view (API acceptedAt -> row written) is,
 * measured without the GET polling that the end-to-end row needs. Percentiles are bucket upper bounds.
 */
final class StoredHistogram {

    private static final String BUCKET = "citadel_processor_enqueue_to_stored_seconds_bucket{";

    private StoredHistogram() {
    }

    static Map<Double, Double> parse(String prometheus) {
        Map<Double, Double> buckets = new TreeMap<>();
        for (String line : prometheus.split("\n")) {
            if (!line.startsWith(BUCKET)) {
                continue;
            }
            int le = line.indexOf("le=\"");
            String bound = line.substring(le + 4, line.indexOf('"', le + 4));
            double upper = "+Inf".equals(bound) ? Double.POSITIVE_INFINITY : Double.parseDouble(bound);
            buckets.merge(upper, Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)), Double::sum);
        }
        return buckets;
    }

    /** The events stored between the two scrapes, as a result whose "latencies" are bucket upper bounds. */
    static Result diff(String name, Map<Double, Double> before, Map<Double, Double> after) {
        long total = Math.round(after.getOrDefault(Double.POSITIVE_INFINITY, 0.0)
                - before.getOrDefault(Double.POSITIVE_INFINITY, 0.0));
        long[] samples = new long[(int) Math.max(0, total)];
        int at = 0;
        double previous = 0;
        for (Map.Entry<Double, Double> bucket : after.entrySet()) {
            double cumulative = bucket.getValue() - before.getOrDefault(bucket.getKey(), 0.0);
            long inBucket = Math.round(cumulative - previous);
            previous = cumulative;
            long nanos = Double.isInfinite(bucket.getKey()) ? Long.MAX_VALUE : (long) (bucket.getKey() * 1e9);
            for (long i = 0; i < inBucket && at < samples.length; i++) {
                samples[at++] = nanos;
            }
        }
        return new Result(name, at, 0, 0, java.util.Arrays.copyOf(samples, at),
                at + " events; p50/p99 are histogram bucket upper bounds");
    }
}
