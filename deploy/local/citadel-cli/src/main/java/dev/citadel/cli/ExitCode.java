package dev.citadel.cli;

/**
 * The CLI's exit codes (STYLE.md §5): 0 OK, 1 software error, 2 usage, Citadel codes from 10 up. Scripts depend on
 * these numbers, so they are public API: never renumber, only add.
 */
public final class ExitCode {

    public static final int OK = 0;
    public static final int SOFTWARE = 1;
    public static final int USAGE = 2;
    /** Something that should be running is dead (status) — or nothing runs where a caller expected it. */
    public static final int DEGRADED = 10;
    /** A port the topology needs is already taken by another process. */
    public static final int PORT_BUSY = 11;
    /** An engine did not become ready (exited, or timed out); what was started has been stopped again. */
    public static final int NOT_READY = 12;
    /** The topology file is missing or invalid. */
    public static final int TOPOLOGY_INVALID = 13;
    /** The run directory's state cannot be read or written. */
    public static final int STATE_UNUSABLE = 14;
    /** Stopping a process failed: it is still alive after SIGKILL. */
    public static final int STOP_FAILED = 15;
    /** Isolated mode: not root, {@code ip}/{@code nft} missing, a namespace command failed, or no isolated network. */
    public static final int ISOLATION_UNAVAILABLE = 16;
    /** {@code check network}: at least one flow was not as designed (reached but denied, or blocked but allowed). */
    public static final int FLOWS_NOT_AS_DESIGNED = 17;
    /** A chaos experiment missed a target (or could not run). */
    public static final int CHAOS_MISSED = 18;
    /** {@code rotate}: a service did not take the new secret (or give up the old) in time; run it again to complete. */
    public static final int ROTATION_INCOMPLETE = 19;
    /** {@code release}: the new unit failed its smoke test or a gate (or the operator asked), and was rolled back. */
    public static final int RELEASE_ROLLED_BACK = 20;
    /** {@code release}: refused before anything started (a schema change the running unit could not live with). */
    public static final int RELEASE_REFUSED = 21;

    private ExitCode() {}
}
