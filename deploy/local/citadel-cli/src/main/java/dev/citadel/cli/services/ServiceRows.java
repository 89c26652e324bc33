package dev.citadel.cli.services;

import dev.citadel.cli.status.ComponentState;
import dev.citadel.cli.status.StatusRow;
import dev.citadel.platform.engines.process.EngineProcess;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The status table's rows for the supervisor and its services, with each pid's real liveness. */
public final class ServiceRows {

    private ServiceRows() {}

    public static List<StatusRow> of(RunLayout layout) {
        return SupervisorProcess.state(layout).map(state -> of(layout, state)).orElse(List.of());
    }

    static List<StatusRow> of(RunLayout layout, ServicesState state) {
        List<StatusRow> rows = new ArrayList<>();
        boolean supervisorAlive = EngineProcess.isEngine(state.supervisorPid(), SupervisorProcess.NAME);
        rows.add(new StatusRow(SupervisorProcess.NAME, "-", "supervisor", "-", state.supervisorPid(),
                supervisorAlive ? ComponentState.RUNNING : ComponentState.DEAD,
                layout.logFile(SupervisorProcess.NAME).toString()));
        for (ServicesState.Service s : state.services()) {
            boolean alive = s.pid() > 0 && EngineProcess.isEngine(s.pid(), s.name());
            rows.add(new StatusRow(s.name(), s.region(), s.kind().id().toLowerCase(Locale.ROOT), s.address(), s.pid(),
                    state(s, alive, supervisorAlive), s.restarts(), s.lastExit(), s.logFile()));
        }
        return rows;
    }

    static ComponentState state(ServicesState.Service s, boolean alive, boolean supervisorAlive) {
        if (supervisorAlive && ServicesState.RESTARTING.equals(s.state())) {
            return ComponentState.RESTARTING;
        }
        if (!alive) {
            return supervisorAlive && ServicesState.STARTING.equals(s.state()) ? ComponentState.RESTARTING
                    : ComponentState.DEAD;
        }
        return ServicesState.READY.equals(s.state()) ? ComponentState.RUNNING : ComponentState.STARTING;
    }
}
