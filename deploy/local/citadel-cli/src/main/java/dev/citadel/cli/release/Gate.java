package dev.citadel.cli.release;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The verdict at the end of one step's soak window: the new unit may take more traffic only if every one of its
 * stamps' health models is green and, over the window, its failed-attempt rate and mean latency at the edge are not
 * worse than the old unit's by more than the allowed margins. Too little traffic to compare is said, not failed:
 * the health model still has to be green.
 *
 * @param maxErrorRateIncrease the new unit's error rate may exceed the old unit's by at most this (0.01 = 1 point)
 * @param latencyFactor        the new unit's mean latency may be at most this times the old one's …
 * @param latencySlackMillis   … plus this (a cold JVM's first minutes are no regression)
 * @param minRequests          fewer responses than this in the window: error rate and latency are not judged
 */
public record Gate(double maxErrorRateIncrease, double latencyFactor, double latencySlackMillis, long minRequests) {

    /**
     * 100 ms of slack: a new unit's JVMs start without class archives and interpreted, and the edge's first requests
     * to a new origin pay their TLS handshakes; a unit twice as slow as the old one still fails.
     */
    public static final Gate DEFAULT = new Gate(0.01, 2.0, 100, 20);

    public record Verdict(boolean passed, List<String> reasons, List<String> notes) {
        public Verdict {
            reasons = List.copyOf(reasons);
            notes = List.copyOf(notes);
        }

        /** One line: PASS or FAIL with why. */
        public String summary() {
            if (passed) {
                return notes.isEmpty() ? "PASS" : "PASS (" + String.join("; ", notes) + ")";
            }
            return "FAIL: " + String.join("; ", reasons);
        }
    }

    /**
     * {@link #judge(Map, OriginStats, OriginStats)} for a step that gives the new unit {@code percent} of the weight,
     * noting when the new unit took far more of the attempts than its weight (more than twice it plus 10 points,
     * with enough traffic to tell): the edge sends only to healthy origins, so the old unit's origins were not
     * serving and the step limited nothing. A note, not a failure: rolling back would send everything to the
     * unit that is not serving.
     */
    public Verdict judge(int percent, Map<String, String> health, OriginStats newUnit, OriginStats oldUnit) {
        Verdict verdict = judge(health, newUnit, oldUnit);
        long toNew = newUnit.requests() + newUnit.upstreamFailures();
        long all = toNew + oldUnit.requests() + oldUnit.upstreamFailures();
        if (percent >= 100 || all < minRequests) {
            return verdict;
        }
        double share = (double) toNew / all;
        if (share <= Math.min(1.0, 2.0 * percent / 100 + 0.10)) {
            return verdict;
        }
        List<String> notes = new ArrayList<>(verdict.notes());
        notes.add(String.format(java.util.Locale.ROOT, "the new unit took %.0f %% of %d attempts at weight %d %%: the "
                + "old unit's origins were not serving at the edge", 100 * share, all, percent));
        return new Verdict(verdict.passed(), verdict.reasons(), notes);
    }

    /**
     * @param health each new stamp's health-model answer: "green" when its {@code /health/stamp} said 200, otherwise
     *               what it said (status and verdict) or why it could not be asked
     */
    public Verdict judge(Map<String, String> health, OriginStats newUnit, OriginStats oldUnit) {
        List<String> reasons = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        if (health.isEmpty()) {
            reasons.add("no health model of the new unit answered");
        }
        health.forEach((stamp, answer) -> {
            if (!"green".equals(answer)) {
                reasons.add("health model of " + stamp + " is not green: " + answer);
            }
        });
        if (newUnit.requests() + newUnit.upstreamFailures() < minRequests) {
            notes.add("only " + (newUnit.requests() + newUnit.upstreamFailures())
                    + " attempts on the new unit, error rate and latency not compared");
            // A failure is a failure even in a trickle: a broken unit must not pass on an idle edge.
            if (newUnit.errors() + newUnit.upstreamFailures() > 0) {
                reasons.add(String.format("%d failed attempts of %d on the new unit", newUnit.errors()
                        + newUnit.upstreamFailures(), newUnit.requests() + newUnit.upstreamFailures()));
            }
            return new Verdict(reasons.isEmpty(), reasons, notes);
        }
        double allowedRate = oldUnit.errorRate() + maxErrorRateIncrease;
        if (newUnit.errorRate() > allowedRate) {
            reasons.add(String.format("error rate %.2f %% (%d of %d) above the old unit's %.2f %% + %.2f points",
                    100 * newUnit.errorRate(), newUnit.errors() + newUnit.upstreamFailures(),
                    newUnit.requests() + newUnit.upstreamFailures(), 100 * oldUnit.errorRate(),
                    100 * maxErrorRateIncrease));
        }
        if (oldUnit.requests() >= minRequests) {
            double allowedMs = oldUnit.meanLatencyMillis() * latencyFactor + latencySlackMillis;
            if (newUnit.meanLatencyMillis() > allowedMs) {
                reasons.add(String.format("mean latency %.1f ms above %.1f ms (old unit %.1f ms x %.1f + %.0f ms)",
                        newUnit.meanLatencyMillis(), allowedMs, oldUnit.meanLatencyMillis(), latencyFactor,
                        latencySlackMillis));
            }
        } else {
            notes.add("old unit had " + oldUnit.requests() + " responses, latency not compared");
        }
        return new Verdict(reasons.isEmpty(), reasons, notes);
    }
}
