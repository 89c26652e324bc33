package dev.citadel.cli.network;

import java.util.List;

/**
 * The text {@code check network} prints: one row per destination socket, one column per source zone, each cell what
 * happened; then every surprise with its detail, then {@code N/N flows as designed}.
 */
public final class NetworkMatrix {

    /** Allowed and reached. */
    static final String OPEN = "open";
    /** Denied and blocked. */
    static final String CLOSED = "-";
    /** The destination's own zone: not a flow through the network. */
    static final String SAME_ZONE = ".";

    private NetworkMatrix() {}

    public static String render(NetworkPlan plan, List<NetworkCheck.Result> results) {
        int labelWidth = "DESTINATION".length();
        for (Destination d : plan.destinations()) {
            labelWidth = Math.max(labelWidth, row(d).length());
        }
        StringBuilder out = new StringBuilder();
        out.append(pad("DESTINATION", labelWidth));
        for (Zone z : plan.zones()) {
            out.append("  ").append(pad(z.name(), width(z)));
        }
        out.append('\n');
        for (Destination d : plan.destinations()) {
            out.append(pad(row(d), labelWidth));
            for (Zone z : plan.zones()) {
                NetworkCheck.Result r = find(results, z, d);
                out.append("  ").append(pad(cell(z, d, r), width(z)));
            }
            out.append('\n');
        }
        out.append("(columns: source zone; ").append(OPEN).append(" = allowed and reached, ").append(CLOSED)
                .append(" = denied and blocked, REACHED!/BLOCKED! = not as designed)\n");
        long good = results.stream().filter(NetworkCheck.Result::asDesigned).count();
        for (NetworkCheck.Result r : results) {
            if (!r.asDesigned()) {
                out.append("SURPRISE ").append(r.source().name()).append(" -> ").append(r.destination().label())
                        .append(" (").append(r.destination().socket()).append("): designed ")
                        .append(r.designed() ? "allowed" : "denied").append(", ").append(r.outcome().detail())
                        .append('\n');
            }
        }
        out.append(good).append('/').append(results.size()).append(" flows as designed\n");
        return out.toString();
    }

    private static int width(Zone z) {
        return Math.max(z.name().length(), "BLOCKED!".length());
    }

    private static String row(Destination d) {
        return d.zone().name() + " " + d.label() + " " + d.socket();
    }

    private static String cell(Zone source, Destination d, NetworkCheck.Result r) {
        if (source.equals(d.zone())) {
            return SAME_ZONE;
        }
        if (r == null) {
            return "?";
        }
        if (r.asDesigned()) {
            return r.designed() ? OPEN : CLOSED;
        }
        return r.outcome().reached() ? "REACHED!" : "BLOCKED!";
    }

    private static NetworkCheck.Result find(List<NetworkCheck.Result> results, Zone z, Destination d) {
        return results.stream().filter(r -> r.source().equals(z) && r.destination().equals(d)).findFirst().orElse(null);
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }
}
