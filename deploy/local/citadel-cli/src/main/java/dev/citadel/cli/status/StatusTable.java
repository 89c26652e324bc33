package dev.citadel.cli.status;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;

/** Renders status rows as a plain, aligned text table (greppable, no colours, no box drawing). */
public final class StatusTable {

    private static final List<String> HEADER = List.of("COMPONENT", "REGION", "KIND", "ADDRESS", "PID", "USER", "STATE", "RESTARTS", "LAST EXIT", "LOG");

    private StatusTable() {}

    /** The table, with each live process's OS user (its own account when {@code up} ran as root). */
    public static String render(List<StatusRow> rows) {
        return render(rows, StatusTable::liveUser);
    }

    static String render(List<StatusRow> rows, LongFunction<String> userOf) {
        if (rows.isEmpty()) {
            return "nothing is running\n";
        }
        List<List<String>> lines = new ArrayList<>();
        lines.add(HEADER);
        for (StatusRow row : rows) {
            lines.add(List.of(row.component(), row.region(), row.kind(), row.address(), Long.toString(row.pid()),
                    row.state() == ComponentState.DEAD ? "-" : userOf.apply(row.pid()), row.state().label(), Integer.toString(row.restarts()),
                    row.lastExit().isEmpty() ? "-" : row.lastExit(), row.logFile()));
        }
        int[] widths = new int[HEADER.size()];
        for (List<String> line : lines) {
            for (int i = 0; i < line.size(); i++) {
                widths[i] = Math.max(widths[i], line.get(i).length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (List<String> line : lines) {
            for (int i = 0; i < line.size(); i++) {
                boolean last = i == line.size() - 1;
                out.append(last ? line.get(i) : pad(line.get(i), widths[i] + 2));
            }
            out.append('\n');
        }
        return out.toString();
    }

    private static String liveUser(long pid) {
        return pid <= 0 ? "-" : ProcessHandle.of(pid).flatMap(h -> h.info().user()).orElse("-");
    }

    private static String pad(String value, int width) {
        return value + " ".repeat(width - value.length());
    }
}
