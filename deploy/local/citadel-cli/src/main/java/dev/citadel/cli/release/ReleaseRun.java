package dev.citadel.cli.release;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The release as a sequence of decisions, apart from how each is carried out ({@link Actions}): smoke-test the new
 * unit; then per step set the weights, soak, judge ({@link Gate}); any failure (or an operator's rollback request)
 * puts every weight back on the old unit and destroys the new one; after the last step the old unit is drained and
 * destroyed. Every step leaves a {@link Timeline.Row}.
 */
public final class ReleaseRun {

    /** What the release does to the world; the real one talks to the edge and the supervisor. */
    public interface Actions {
        /** Empty when every new stamp passed; otherwise one line per failed check. */
        List<String> smokeTest();

        void setWeights(int percentToNewUnit);

        /** Per origin, the edge's counters now. */
        Map<String, OriginStats> scrape();

        void soak(Duration window) throws InterruptedException;

        /** Per new stamp, "green" or what its health model said. */
        Map<String, String> newUnitHealth();

        /** The operator asked for a rollback (e.g. {@code citadel release --rollback} from another terminal). */
        boolean rollbackRequested();

        /** Returns what draining its brokers found, for the timeline ("" when there was nothing to say). */
        String destroyNewUnit();

        /** Returns what draining its brokers found, for the timeline ("" when there was nothing to say). */
        String drainAndDestroyOldUnit();
    }

    public enum Outcome { RELEASED, ROLLED_BACK }

    public record Result(Outcome outcome, String reason, Timeline timeline) {}

    private final Actions actions;
    private final ReleaseSteps steps;
    private final Gate gate;
    private final Duration soak;
    private final List<String> newOrigins;
    private final List<String> oldOrigins;
    private final LongSupplier nanos;
    private final Timeline.Listener listener;

    public ReleaseRun(Actions actions, ReleaseSteps steps, Gate gate, Duration soak, List<String> oldOrigins,
                      List<String> newOrigins, LongSupplier nanos, Timeline.Listener listener) {
        this.actions = actions;
        this.steps = steps;
        this.gate = gate;
        this.soak = soak;
        this.oldOrigins = List.copyOf(oldOrigins);
        this.newOrigins = List.copyOf(newOrigins);
        this.nanos = nanos;
        this.listener = listener;
    }

    public Result run() throws InterruptedException {
        Timeline timeline = new Timeline(listener);
        long t0 = nanos.getAsLong();
        List<String> smoke = actions.smokeTest();
        timeline.add(new Timeline.Row("smoke", 0, ReleaseSteps.weights(0), elapsed(t0), OriginStats.NONE,
                OriginStats.NONE, smoke.isEmpty() ? "PASS" : "FAIL: " + String.join("; ", smoke)));
        if (!smoke.isEmpty()) {
            return rollBack(timeline, "smoke test failed: " + String.join("; ", smoke), t0);
        }
        for (int percent : steps.percents()) {
            if (actions.rollbackRequested()) {
                return rollBack(timeline, "rollback requested by the operator", t0);
            }
            long stepStart = nanos.getAsLong();
            actions.setWeights(percent);
            Map<String, OriginStats> before = actions.scrape();
            actions.soak(soak);
            Map<String, OriginStats> after = actions.scrape();
            OriginStats fresh = OriginStats.window(before, after, newOrigins);
            OriginStats old = OriginStats.window(before, after, oldOrigins);
            Gate.Verdict verdict = gate.judge(percent, actions.newUnitHealth(), fresh, old);
            timeline.add(new Timeline.Row(percent + "%", percent, ReleaseSteps.weights(percent), elapsed(stepStart),
                    fresh, old, verdict.summary()));
            if (!verdict.passed()) {
                return rollBack(timeline, "gate at " + percent + " % failed: " + String.join("; ", verdict.reasons()),
                        t0);
            }
            if (actions.rollbackRequested()) {
                return rollBack(timeline, "rollback requested by the operator", t0);
            }
        }
        long drainStart = nanos.getAsLong();
        String drained = actions.drainAndDestroyOldUnit();
        timeline.add(new Timeline.Row("drain old", 100, ReleaseSteps.weights(100), elapsed(drainStart),
                OriginStats.NONE, OriginStats.NONE, "old unit drained and stopped" + detail(drained)));
        timeline.total(elapsed(t0));
        return new Result(Outcome.RELEASED, "released", timeline);
    }

    private Result rollBack(Timeline timeline, String reason, long t0) {
        long start = nanos.getAsLong();
        actions.setWeights(0);
        String drained = actions.destroyNewUnit();
        timeline.add(new Timeline.Row("rollback", 0, ReleaseSteps.weights(0), elapsed(start), OriginStats.NONE,
                OriginStats.NONE, reason + detail(drained)));
        timeline.total(elapsed(t0));
        return new Result(Outcome.ROLLED_BACK, reason, timeline);
    }

    private static String detail(String drained) {
        return drained == null || drained.isEmpty() ? "" : "; " + drained;
    }

    private Duration elapsed(long since) {
        return Duration.ofNanos(nanos.getAsLong() - since);
    }
}
