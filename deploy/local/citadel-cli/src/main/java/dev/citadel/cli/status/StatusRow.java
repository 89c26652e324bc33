package dev.citadel.cli.status;

/**
 * One line of the status table. {@code restarts} counts the supervisor's (and {@code up}'s) restarts of a crashed
 * process; {@code lastExit} says how its previous process ended ("exit code 137 (SIGKILL) at …"), empty if never.
 */
public record StatusRow(String component, String region, String kind, String address, long pid,
                        ComponentState state, int restarts, String lastExit, String logFile) {

    public StatusRow {
        lastExit = lastExit == null ? "" : lastExit;
    }

    /** A row of a process that never died. */
    public StatusRow(String component, String region, String kind, String address, long pid, ComponentState state,
                     String logFile) {
        this(component, region, kind, address, pid, state, 0, "", logFile);
    }

    /** The same row in another state (an engine the supervisor is restarting shows {@code restarting}). */
    public StatusRow withState(ComponentState newState) {
        return new StatusRow(component, region, kind, address, pid, newState, restarts, lastExit, logFile);
    }
}
