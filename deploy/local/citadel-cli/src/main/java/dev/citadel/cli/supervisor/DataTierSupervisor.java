package dev.citadel.cli.supervisor;

import dev.citadel.cli.ExitCode;
import dev.citadel.cli.ExitException;
import dev.citadel.cli.plan.DataTierPlan;
import dev.citadel.cli.plan.Endpoint;
import dev.citadel.cli.plan.PlannedComponent;
import dev.citadel.cli.status.ComponentState;
import dev.citadel.cli.status.StatusRow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

/**
 * Decides what {@code up}, {@code status} and {@code down} do with the state of one run directory, and stops only
 * the pids it recorded itself.
 */
public final class DataTierSupervisor {

    /** Cassandra drains and flushes on SIGTERM; on this 2-core machine that can take well over ten seconds. */
    static final Duration STOP_GRACE = Duration.ofSeconds(45);

    private final StateStore store;
    private final EngineLauncher launcher;
    private final Liveness liveness;

    public DataTierSupervisor(StateStore store, EngineLauncher launcher) {
        this(store, launcher, ProcessLiveness::isAlive);
    }

    DataTierSupervisor(StateStore store, EngineLauncher launcher, Liveness liveness) {
        this.store = store;
        this.launcher = launcher;
        this.liveness = liveness;
    }

    /** Whether a recorded process is still running; injectable so unit tests need no real engines. */
    @FunctionalInterface
    interface Liveness {
        boolean isAlive(ProcessRecord process);
    }

    /** The outcome of {@code up}: the table, and whether it was already running (nothing was started). */
    public record UpResult(List<StatusRow> rows, boolean alreadyRunning) {}

    public UpResult up(DataTierPlan plan, String topologySource, Duration readyTimeout, Progress progress) {
        Optional<RunState> previous = store.read();
        if (previous.isPresent()) {
            List<StatusRow> rows = rows(previous.get());
            if (rows.stream().allMatch(r -> r.state() == ComponentState.RUNNING)) {
                return new UpResult(rows, true);
            }
            // A half-dead tier is not worth reattaching to: stop the survivors and start everything afresh.
            progress.step("previous run has dead components; stopping the rest before starting afresh");
            stopAll(previous.get(), progress);
            store.delete();
        } else {
            // No state of ours, yet engines may run: an earlier `up` was killed before it could write the state.
            launcher.stopStrays(plan.runDir(), progress);
        }
        checkPortsFree(plan);
        List<ProcessRecord> started = launcher.start(plan, readyTimeout, progress);
        RunState state = new RunState(plan.clusterName(), topologySource, Instant.now().toString(), started);
        store.write(state);
        return new UpResult(rows(state), false);
    }

    /** The status table; empty when nothing was started from this run directory. */
    public List<StatusRow> status() {
        return store.read().map(this::rows).orElse(List.of());
    }

    /** Stops everything recorded, then forgets it. Returns how many processes were still running. */
    public int down(Progress progress) {
        Optional<RunState> state = store.read();
        if (state.isEmpty()) {
            return launcher.stopStrays(store.file().getParent(), progress);
        }
        int stopped = stopAll(state.get(), progress);
        store.delete();
        return stopped;
    }

    private void checkPortsFree(DataTierPlan plan) {
        List<String> busy = new ArrayList<>();
        for (PlannedComponent component : plan.components()) {
            for (Endpoint endpoint : PortProbe.busy(component.endpoints())) {
                busy.add(endpoint + " needed by " + component.name());
            }
        }
        if (!busy.isEmpty()) {
            throw new ExitException(ExitCode.PORT_BUSY, "port already in use, nothing was started:\n  "
                    + String.join("\n  ", busy) + "\nstop whatever listens there, or change the topology file");
        }
    }

    private int stopAll(RunState state, Progress progress) {
        List<ProcessRecord> running = state.processes().stream().filter(liveness::isAlive).toList();
        // All at once: each engine shuts down on its own, and a sequential stop would add their drain times up.
        // One thread each: the common pool has a single worker on a 2-core machine, which would serialise them.
        ExecutorService threads = Executors.newFixedThreadPool(Math.max(1, running.size()));
        List<String> failures;
        try {
            List<CompletableFuture<String>> stops = running.stream()
                    .map(p -> CompletableFuture.supplyAsync(() -> stopOne(p, progress), threads))
                    .toList();
            failures = stops.stream().map(CompletableFuture::join)
                    .filter(failure -> !failure.isEmpty()).collect(Collectors.toList());
        } finally {
            threads.shutdown();
        }
        if (!failures.isEmpty()) {
            throw new ExitException(ExitCode.STOP_FAILED, String.join("\n", failures));
        }
        return running.size();
    }

    private String stopOne(ProcessRecord process, Progress progress) {
        long start = System.nanoTime();
        progress.step("stopping " + process.name() + " (pid " + process.pid() + ")");
        try {
            launcher.stop(process, STOP_GRACE);
        } catch (RuntimeException e) {
            return "could not stop " + process.name() + " (pid " + process.pid() + "): " + e.getMessage();
        }
        if (liveness.isAlive(process)) {
            return process.name() + " (pid " + process.pid() + ") is still alive after SIGKILL";
        }
        progress.step(String.format(java.util.Locale.ROOT, "stopped %s in %.1fs", process.name(),
                (System.nanoTime() - start) / 1e9));
        return "";
    }

    private List<StatusRow> rows(RunState state) {
        return state.processes().stream()
                .map(p -> new StatusRow(p.name(), p.region(), p.kind().name().toLowerCase(java.util.Locale.ROOT), p.address(), p.pid(),
                        liveness.isAlive(p) ? ComponentState.RUNNING : ComponentState.DEAD, p.logFile()))
                .toList();
    }
}
