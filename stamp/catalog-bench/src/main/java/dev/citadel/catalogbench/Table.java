package dev.citadel.catalogbench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The printed figures: each service measurement next to its raw peer, with the ratio service / peer. */
final class Table {

    private record Row(String bench, Result result, Result peer, String load) {
    }

    private final List<Row> rows = new ArrayList<>();

    void add(String bench, Result result, Result peer, String load) {
        rows.add(new Row(bench, result, peer, load));
    }

    String render() {
        StringBuilder out = new StringBuilder();
        String header = String.format(Locale.ROOT, "%-4s %-44s %10s %9s %9s %7s %-22s %-9s %s",
                "#", "measurement", "ops/s", "p50 ms", "p99 ms", "errors", "vs peer: ops/s, p99", "load1", "note");
        out.append(header).append('\n').append("-".repeat(header.length())).append('\n');
        for (Row row : rows) {
            Result r = row.result();
            String ratio = "";
            if (row.peer() != null) {
                double thr = row.peer().opsPerSecond() == 0 ? Double.NaN : r.opsPerSecond() / row.peer().opsPerSecond();
                double p99 = r.percentileMillis(99) / row.peer().percentileMillis(99);
                ratio = String.format(Locale.ROOT, "x%.2f, x%s", thr, Double.isNaN(p99) ? "n/a"
                        : String.format(Locale.ROOT, "%.2f", p99));
            }
            out.append(String.format(Locale.ROOT, "%-4s %-44s %10.1f %9s %9s %7d %-22s %-9s %s%n", row.bench(),
                    r.name(), r.opsPerSecond(), ms(r.percentileMillis(50)), ms(r.percentileMillis(99)), r.errors(),
                    ratio, row.load(), r.note()));
        }
        return out.toString();
    }

    private static String ms(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.2f", v);
    }
}
