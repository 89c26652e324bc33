package dev.citadel.cli.status;

/** A component's state as shown in the status table. */
public enum ComponentState {
    RUNNING("running"),
    /** Launched, not yet answering its readiness endpoint. */
    STARTING("starting"),
    /** Crashed; the supervisor starts it again after its backoff. */
    RESTARTING("restarting"),
    /** Recorded as started, but its process is gone (crashed, killed, or the machine rebooted). */
    DEAD("dead");

    private final String label;

    ComponentState(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
