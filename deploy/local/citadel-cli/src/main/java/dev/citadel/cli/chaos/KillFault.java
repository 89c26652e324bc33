package dev.citadel.cli.chaos;

import java.time.Duration;
import java.util.List;

/** SIGKILL to one or more components at once; bringing them back is the supervisor's job, not the experiment's. */
record KillFault(List<String> components) implements Fault {

    KillFault {
        components = List.copyOf(components);
    }

    @Override
    public void inject() {
        List<Long> pids = components.stream().map(CitadelPids::require).toList();
        pids.forEach(pid -> Signals.send("KILL", pid));
    }

    @Override
    public Duration hold() {
        return Duration.ZERO;
    }

    @Override
    public void heal() {
        // The supervisor restarts what died; the recovery time measures how well it does.
    }
}
