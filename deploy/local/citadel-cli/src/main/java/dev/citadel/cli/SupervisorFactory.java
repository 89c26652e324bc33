package dev.citadel.cli;

import dev.citadel.cli.engines.EnginesLauncher;
import dev.citadel.cli.supervisor.DataTierSupervisor;
import dev.citadel.cli.supervisor.StateStore;
import java.nio.file.Path;

/** Creates the supervisor for a run directory; commands take it as a constructor argument so tests can swap it. */
@FunctionalInterface
interface SupervisorFactory {

    SupervisorFactory ENGINES = runDir -> new DataTierSupervisor(StateStore.in(runDir), new EnginesLauncher(runDir, true));

    DataTierSupervisor create(Path runDir);
}
