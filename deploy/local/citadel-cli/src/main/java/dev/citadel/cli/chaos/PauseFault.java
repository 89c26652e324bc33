package dev.citadel.cli.chaos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * SIGSTOP for {@code hold}, then SIGCONT: a process that hangs (a long GC pause, a stuck host) with every socket still
 * open, which neither a connect error nor the supervisor's liveness check reveals.
 */
final class PauseFault implements Fault {

    private final List<String> components;
    private final Duration hold;
    private final List<Long> paused = new ArrayList<>();

    PauseFault(List<String> components, Duration hold) {
        this.components = List.copyOf(components);
        this.hold = hold;
    }

    @Override
    public void inject() {
        for (String component : components) {
            long pid = CitadelPids.require(component);
            Signals.send("STOP", pid);
            paused.add(pid);
        }
    }

    @Override
    public Duration hold() {
        return hold;
    }

    @Override
    public void heal() {
        for (long pid : paused) {
            Signals.send("CONT", pid);
        }
        paused.clear();
    }
}
