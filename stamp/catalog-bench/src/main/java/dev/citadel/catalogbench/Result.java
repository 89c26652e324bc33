package dev.citadel.catalogbench;

import java.util.Arrays;

/** One side of a comparison: successful operations, failures, the measured window and sorted latencies (ns). */
record Result(String name, long ok, long errors, double seconds, long[] sortedLatenciesNanos, String note) {

    static Result of(String name, long errors, double seconds, long[] latencies, String note) {
        long[] sorted = latencies.clone();
        Arrays.sort(sorted);
        return new Result(name, sorted.length, errors, seconds, sorted, note);
    }

    /** A throughput-only result (no per-operation latency, e.g. the processor measured from its counter). */
    static Result throughputOnly(String name, long ok, long errors, double seconds, String note) {
        return new Result(name, ok, errors, seconds, new long[0], note);
    }

    double opsPerSecond() {
        return seconds <= 0 ? 0 : ok / seconds;
    }

    /** Nearest-rank percentile in milliseconds; NaN when there are no samples. */
    double percentileMillis(double p) {
        if (sortedLatenciesNanos.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * sortedLatenciesNanos.length);
        int index = Math.min(sortedLatenciesNanos.length - 1, Math.max(0, rank - 1));
        return sortedLatenciesNanos[index] / 1_000_000.0;
    }
}
