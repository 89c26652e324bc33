package dev.citadel.cli.supervisor;

import dev.citadel.cli.ExitCode;
import dev.citadel.cli.ExitException;
import dev.citadel.cli.plan.DataTierPlan;
import dev.citadel.cli.plan.Endpoint;
import dev.citadel.cli.plan.PlannedComponent;
import dev.citadel.cli.status.ComponentState;
import dev.citadel.cli.status.StatusRow;
import dev.citadel.platform.engines.EngineKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
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
        return up(plan, topologySource, readyTimeout, false, progress);
    }

    /**
     * {@code supervised}: the detached supervisor runs and restarts dead engines itself, so {@code up} starts none.
     * Otherwise a dead engine is started again alone while the living keep their pids ({@link #restartAlone}), and
     * only a tier that cannot be healed that way is stopped and started afresh.
     */
    public UpResult up(DataTierPlan plan, String topologySource, Duration readyTimeout, boolean supervised,
                       Progress progress) {
        Optional<RunState> previous = store.read();
        if (previous.isPresent()) {
            RunState state = previous.get();
            List<ProcessRecord> dead = state.processes().stream().filter(p -> !liveness.isAlive(p)).toList();
            if (dead.isEmpty() || supervised) {
                return new UpResult(rows(state), true);
            }
            if (restartAlone(state, dead, plan)) {
                return new UpResult(rows(restartDead(plan, dead, progress)), false);
            }
            // No living Cassandra node to join (or another topology): nothing worth keeping.
            progress.step("previous run has no living Cassandra node or another topology; stopping the rest "
                    + "before starting afresh");
            stopAll(state, progress);
            store.delete();
        } else {
            // No state of ours, yet engines may run: an earlier `up` was killed before it could write the state.
            launcher.stopStrays(plan.runDir(), progress);
        }
        checkPortsFree(plan, plan.components());
        List<ProcessRecord> started = launcher.start(plan, readyTimeout, progress);
        RunState state = new RunState(plan.clusterName(), topologySource, Instant.now().toString(), started);
        store.write(state);
        return new UpResult(rows(state), false);
    }

    /**
     * Whether the dead engines of a recorded run can be started again one by one: the run has exactly the plan's
     * components (same topology), and at least one Cassandra node lives, so a restarted node has a ring to rejoin
     * and the cluster's readiness check can pass (with every node dead, none becomes ready alone).
     */
    static boolean restartAlone(RunState state, List<ProcessRecord> dead, DataTierPlan plan) {
        Set<String> recorded = state.processes().stream().map(ProcessRecord::name).collect(Collectors.toSet());
        Set<String> planned = plan.components().stream().map(PlannedComponent::name).collect(Collectors.toSet());
        if (!recorded.equals(planned)) {
            return false;
        }
        Set<String> deadNames = dead.stream().map(ProcessRecord::name).collect(Collectors.toSet());
        List<ProcessRecord> cassandra = state.processes().stream().filter(p -> p.kind() == EngineKind.CASSANDRA).toList();
        return cassandra.isEmpty() || cassandra.stream().anyMatch(p -> !deadNames.contains(p.name()));
    }

    /**
     * Starts the dead engines again, in parallel (two dead Cassandra nodes are only ready together), each recorded
     * with its new pid as soon as it is ready; the living keep their records untouched.
     */
    private RunState restartDead(DataTierPlan plan, List<ProcessRecord> dead, Progress progress) {
        Set<String> deadNames = dead.stream().map(ProcessRecord::name).collect(Collectors.toSet());
        checkPortsFree(plan, plan.components().stream().filter(c -> deadNames.contains(c.name())).toList());
        progress.step("previous run has " + dead.size() + " dead of " + plan.components().size()
                + " engines; starting only " + String.join(", ", deadNames.stream().sorted().toList()));
        ExecutorService threads = Executors.newFixedThreadPool(dead.size());
        List<String> failures;
        try {
            List<CompletableFuture<String>> restarts = dead.stream()
                    .map(p -> CompletableFuture.supplyAsync(() -> restartOne(p, progress), threads)).toList();
            failures = restarts.stream().map(CompletableFuture::join).filter(f -> !f.isEmpty()).toList();
        } finally {
            threads.shutdown();
        }
        if (!failures.isEmpty()) {
            throw new ExitException(ExitCode.NOT_READY, String.join("\n", failures));
        }
        return store.read().orElseThrow();
    }

    private String restartOne(ProcessRecord dead, Progress progress) {
        ProcessRecord counted = dead.died(launcher.exitCause(dead) + " at " + Instant.now());
        try {
            ProcessRecord fresh = launcher.restart(counted, progress);
            replace(counted.withPid(fresh.pid()));
            progress.step(dead.name() + " started again (pid " + fresh.pid() + ")");
            return "";
        } catch (RuntimeException e) {
            replace(counted);
            return dead.name() + " did not start again: " + e.getMessage();
        }
    }

    private void replace(ProcessRecord record) {
        store.update(state -> new RunState(state.clusterName(), state.topology(), state.startedAt(),
                state.processes().stream().map(p -> p.name().equals(record.name()) ? record : p).toList()))
                .orElseThrow();
    }

    /** The status table; empty when nothing was started from this run directory. */
    public List<StatusRow> status() {
        return status(false);
    }

    /** {@code supervised}: the detached supervisor runs, so a dead engine is on its way back: {@code restarting}. */
    public List<StatusRow> status(boolean supervised) {
        return store.read().map(this::rows).orElse(List.of()).stream()
                .map(r -> supervised && r.state() == ComponentState.DEAD ? r.withState(ComponentState.RESTARTING) : r)
                .toList();
    }

    /** Stops everything recorded, then forgets it. Returns how many processes were still running. */
    public int down(Progress progress) {
        Optional<RunState> state = store.read();
        if (state.isEmpty()) {
            return launcher.stopStrays(store.file().getParent(), progress);
        }
        int stopped = stopAll(state.get(), progress);
        store.delete();
        // An engine the supervisor was restarting when it was stopped is known to tier.properties only.
        return stopped + launcher.stopStrays(store.file().getParent(), progress);
    }

    /**
     * Only for engines in the caller's namespace. An engine in a zone of its own listens on an address that exists only
     * there (a bind from here always fails), and nothing but the run's own engines ever runs in its zone.
     */
    private void checkPortsFree(DataTierPlan plan, List<PlannedComponent> components) {
        List<String> busy = new ArrayList<>();
        for (PlannedComponent component : components) {
            if (plan.namespaces().containsKey(component.name())) {
                continue;
            }
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
                        liveness.isAlive(p) ? ComponentState.RUNNING : ComponentState.DEAD, p.restarts(), p.lastExit(),
                        p.logFile()))
                .toList();
    }
}
