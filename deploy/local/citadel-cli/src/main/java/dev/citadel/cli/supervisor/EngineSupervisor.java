package dev.citadel.cli.supervisor;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The data tier's half of the detached supervisor. {@link #check} (every second) looks at each engine recorded in
 * {@code citadel-state.json}: a dead one gets one more restart counted and its exit cause recorded at once, and is
 * started again alone ({@link EngineLauncher#restart}) once its backoff ({@link RestartBackoff}) has passed; its new
 * pid is written back to the same file, which stays the one record {@code status} and {@code down} read. The other
 * engines are not touched. Restarts run on {@code restarts} (one thread each in production: a Cassandra node needs a
 * minute to be ready, and two dead nodes only become ready together).
 */
public final class EngineSupervisor {

    private final StateStore store;
    private final EngineLauncher launcher;
    private final DataTierSupervisor.Liveness liveness;
    private final Clock clock;
    private final Executor restarts;
    private final Consumer<String> log;
    private final Map<String, Slot> slots = new HashMap<>();
    private boolean stopping;

    /** Per engine; guarded by the supervisor's monitor. */
    private static final class Slot {
        final RestartBackoff backoff = new RestartBackoff();
        /** When its current process was started (or first seen): how long it ran decides the backoff. */
        Instant launchedAt;
        /** Whether this supervisor started the current process (else: since when it ran is unknown). */
        boolean startedHere;
        /** A restart is due at this time; null when none is pending. */
        Instant dueAt;
        boolean inFlight;
        /** Why the last restart attempt failed; reported as the exit cause of the attempt. */
        String failure;

        Slot(Instant now) {
            launchedAt = now;
        }
    }

    public EngineSupervisor(StateStore store, EngineLauncher launcher, Executor restarts, Consumer<String> log) {
        this(store, launcher, ProcessLiveness::isAlive, Clock.systemUTC(), restarts, log);
    }

    EngineSupervisor(StateStore store, EngineLauncher launcher, DataTierSupervisor.Liveness liveness, Clock clock,
                     Executor restarts, Consumer<String> log) {
        this.store = store;
        this.launcher = launcher;
        this.liveness = liveness;
        this.clock = clock;
        this.restarts = restarts;
        this.log = log;
    }

    /** One look at every recorded engine: note new deaths, launch the restarts that are due. */
    public synchronized void check() {
        if (stopping) {
            return;
        }
        Optional<RunState> state = store.read();
        if (state.isEmpty()) {
            return; // no data tier (yet), or `down` already forgot it
        }
        Instant now = clock.instant();
        for (ProcessRecord engine : state.get().processes()) {
            Slot slot = slots.computeIfAbsent(engine.name(), n -> new Slot(now));
            if (slot.inFlight) {
                continue;
            }
            if (slot.dueAt == null) {
                if (!liveness.isAlive(engine)) {
                    died(engine, slot, now);
                }
            } else if (!now.isBefore(slot.dueAt)) {
                slot.dueAt = null;
                slot.inFlight = true;
                restarts.execute(() -> restart(engine, slot));
            }
        }
    }

    /** After SIGTERM: start nothing more ({@code down} stops the engines, restarted ones included). */
    public synchronized void stop() {
        stopping = true;
    }

    private void died(ProcessRecord engine, Slot slot, Instant now) {
        String cause = slot.failure != null ? slot.failure : launcher.exitCause(engine);
        slot.failure = null;
        Duration ran = Duration.between(slot.launchedAt, now);
        Duration delay = slot.backoff.afterCrash(ran);
        slot.dueAt = now.plus(delay);
        ProcessRecord dead = engine.died(cause + " at " + now);
        update(engine.name(), r -> r.died(cause + " at " + now));
        log.accept(engine.name() + " (pid " + engine.pid() + ") died: " + cause
                + (slot.startedHere ? " after " + ran.toSeconds() + "s" : "") + "; restart #" + dead.restarts()
                + " in " + delay.toMillis() + " ms");
    }

    private void restart(ProcessRecord dead, Slot slot) {
        long started = System.nanoTime();
        try {
            ProcessRecord fresh = launcher.restart(dead, message -> log.accept(dead.name() + ": " + message));
            synchronized (this) {
                slot.launchedAt = clock.instant();
                slot.startedHere = true;
                slot.inFlight = false;
                update(dead.name(), r -> r.withPid(fresh.pid()));
            }
            log.accept(String.format(java.util.Locale.ROOT, "%s restarted (pid %d), ready after %.1fs", dead.name(),
                    fresh.pid(), (System.nanoTime() - started) / 1e9));
        } catch (RuntimeException e) {
            String firstLine = String.valueOf(e.getMessage()).lines().findFirst().orElse(e.toString());
            synchronized (this) {
                slot.launchedAt = clock.instant();
                slot.failure = "restart failed: " + firstLine;
                slot.inFlight = false;
            }
            log.accept(dead.name() + " restart failed: " + e.getMessage());
        }
    }

    /** Rewrites one record of the state file, keeping every other record (and their pids) as they are. */
    private void update(String name, UnaryOperator<ProcessRecord> change) {
        // Even while stopping: `down` reads the file only after this process has exited, and a pid recorded is one
        // it will stop.
        store.update(state -> new RunState(state.clusterName(), state.topology(), state.startedAt(),
                state.processes().stream().map(p -> p.name().equals(name) ? change.apply(p) : p).toList()));
    }
}
