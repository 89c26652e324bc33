package dev.citadel.cli.chaos;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Request outcomes per second of the run (by the second a request ended in), split by the stamp that answered. */
public record Timeline(long startMillis, List<Second> seconds) {

    public Timeline {
        seconds = List.copyOf(seconds);
    }

    /** One second: successes per answering region, and failures. */
    public record Second(int offset, Map<String, Integer> succeededByRegion, int failed) {

        public Second {
            succeededByRegion = Map.copyOf(succeededByRegion);
        }

        public int succeeded() {
            return succeededByRegion.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    public static Timeline of(List<RequestOutcome> outcomes, long startMillis) {
        int last = outcomes.stream().mapToInt(o -> offset(o, startMillis)).max().orElse(-1);
        List<Map<String, Integer>> ok = new ArrayList<>();
        int[] failed = new int[last + 1];
        for (int i = 0; i <= last; i++) {
            ok.add(new TreeMap<>());
        }
        for (RequestOutcome o : outcomes) {
            int s = offset(o, startMillis);
            if (s < 0) {
                continue;
            }
            if (o.succeeded()) {
                ok.get(s).merge(o.region().isEmpty() ? "unknown" : o.region(), 1, Integer::sum);
            } else {
                failed[s]++;
            }
        }
        List<Second> seconds = new ArrayList<>();
        for (int i = 0; i <= last; i++) {
            seconds.add(new Second(i, ok.get(i), failed[i]));
        }
        return new Timeline(startMillis, seconds);
    }

    private static int offset(RequestOutcome o, long startMillis) {
        return (int) Math.floorDiv(o.endMillis() - startMillis, 1000L);
    }
}
