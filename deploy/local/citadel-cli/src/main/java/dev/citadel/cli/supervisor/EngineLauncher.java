package dev.citadel.cli.supervisor;

import dev.citadel.cli.plan.DataTierPlan;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The supervisor's only door to the engines: start a whole plan, stop one recorded process. Kept as an interface so
 * the supervisor's decisions (already running? partly dead? ports busy?) do not depend on how processes start.
 */
public interface EngineLauncher {

    /**
     * Starts every component of the plan and waits until each is ready (each within {@code readyTimeout}). On failure it stops whatever it had started
     * and throws an {@link dev.citadel.cli.ExitException} whose message includes the failing engine's log tail.
     */
    List<ProcessRecord> start(DataTierPlan plan, Duration readyTimeout, Progress progress);

    /**
     * Starts one dead engine again, alone, from the same configuration and data directory as its first start (its
     * credentials come from the run directory's files, none on argv), and waits until it is ready. Returns the
     * record with the new pid; throws an {@link dev.citadel.cli.ExitException} when it does not become ready.
     */
    ProcessRecord restart(ProcessRecord dead, Progress progress);

    /** How the recorded process ended, when this launcher started it; {@link ExitCause#UNKNOWN} otherwise. */
    default String exitCause(ProcessRecord dead) {
        return ExitCause.UNKNOWN;
    }

    /** Stops a process started by an earlier invocation: SIGTERM, wait up to {@code grace}, then SIGKILL. */
    void stop(ProcessRecord process, Duration grace);

    /**
     * Stops engines of {@code runDir} that no state file of ours records — left behind by an {@code up} that was
     * killed half-way. Returns how many it stopped.
     */
    int stopStrays(Path runDir, Progress progress);
}
