package dev.citadel.cli.release;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** What a release did, step by step: printed as it happens and as a table at the end. */
public final class Timeline {

    /** Told about each row as it is added (the command prints it at once). */
    public interface Listener {
        void row(Row row);
    }

    /**
     * @param newUnit the new unit's counters over the step's soak window (requests, 5xx, failures before an answer)
     * @param oldUnit the old unit's over the same window
     */
    public record Row(String step, int percent, ReleaseSteps.Weights weights, Duration took, OriginStats newUnit,
                      OriginStats oldUnit, String verdict) {}

    private final Listener listener;
    private final List<Row> rows = new ArrayList<>();
    private Duration total = Duration.ZERO;

    public Timeline(Listener listener) {
        this.listener = listener;
    }

    void add(Row row) {
        rows.add(row);
        listener.row(row);
    }

    void total(Duration total) {
        this.total = total;
    }

    public List<Row> rows() {
        return List.copyOf(rows);
    }

    public Duration total() {
        return total;
    }

    public static final String HEADER = String.format("%-10s %-9s %6s %18s %18s %9s %9s  %s", "STEP", "OLD/NEW",
            "TIME", "NEW req/5xx/fail", "OLD req/5xx/fail", "NEW ms", "OLD ms", "VERDICT");

    /** One line of the table. */
    public static String line(Row r) {
        return String.format("%-10s %-9s %5.1fs %18s %18s %9.1f %9.1f  %s", r.step(),
                r.weights().oldUnit() + "/" + r.weights().newUnit(), r.took().toMillis() / 1000.0, counts(r.newUnit()),
                counts(r.oldUnit()), r.newUnit().meanLatencyMillis(), r.oldUnit().meanLatencyMillis(), r.verdict());
    }

    public String render() {
        StringBuilder s = new StringBuilder(HEADER).append('\n');
        rows.forEach(r -> s.append(line(r)).append('\n'));
        s.append(String.format("total %.1f s%n", total.toMillis() / 1000.0));
        return s.toString();
    }

    private static String counts(OriginStats s) {
        return s.requests() + "/" + s.errors() + "/" + s.upstreamFailures();
    }
}
