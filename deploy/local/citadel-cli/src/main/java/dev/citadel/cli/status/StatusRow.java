package dev.citadel.cli.status;

/** One line of the status table; {@code restarts} counts the supervisor's restarts of a crashed service. */
public record StatusRow(String component, String region, String kind, String address, long pid,
                        ComponentState state, int restarts, String logFile) {

    /** An engine row: engines are not restarted by the CLI. */
    public StatusRow(String component, String region, String kind, String address, long pid, ComponentState state,
                     String logFile) {
        this(component, region, kind, address, pid, state, 0, logFile);
    }
}
