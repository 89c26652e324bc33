package dev.citadel.cli.supervisor;

import dev.citadel.platform.engines.process.EngineProcess;

/**
 * Whether a recorded pid is still the engine we started. A pid alone is not enough: after a crash the number may
 * belong to another process. Every engine's command line carries its name as a marker, which is what counts.
 */
public final class ProcessLiveness {

    private ProcessLiveness() {}

    public static boolean isAlive(ProcessRecord process) {
        // An exited child lingering as a zombie has an empty command line, so it does not count as alive either.
        return EngineProcess.isEngine(process.pid(), process.name());
    }
}
