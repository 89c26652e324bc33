package dev.citadel.cli.supervisor;

import dev.citadel.platform.engines.EngineKind;

/**
 * A process that {@code up} (or the supervisor, after a crash) started, as remembered in the state file.
 * {@code restarts} counts the supervisor's and {@code up}'s restarts of this engine; {@code lastExit} says how its
 * previous process ended ("exit code 137 (SIGKILL) at …"), empty while it never died.
 */
public record ProcessRecord(String name, String region, EngineKind kind, String address, long pid, String logFile,
                            int restarts, String lastExit) {

    public ProcessRecord {
        lastExit = lastExit == null ? "" : lastExit;
    }

    /** A first start: no restart yet. */
    public ProcessRecord(String name, String region, EngineKind kind, String address, long pid, String logFile) {
        this(name, region, kind, address, pid, logFile, 0, "");
    }

    /** The same engine, now running as {@code newPid}. */
    public ProcessRecord withPid(long newPid) {
        return new ProcessRecord(name, region, kind, address, newPid, logFile, restarts, lastExit);
    }

    /** Its process died ({@code cause}) and a restart is on its way: one more restart. */
    public ProcessRecord died(String cause) {
        return new ProcessRecord(name, region, kind, address, pid, logFile, restarts + 1, cause);
    }
}
