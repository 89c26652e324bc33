package dev.citadel.cli.engines;

import dev.citadel.cli.ExitCode;
import dev.citadel.cli.ExitException;
import dev.citadel.cli.plan.DataTierPlan;
import dev.citadel.cli.plan.PlannedComponent;
import dev.citadel.cli.supervisor.EngineLauncher;
import dev.citadel.cli.supervisor.ExitCause;
import dev.citadel.cli.supervisor.ProcessRecord;
import dev.citadel.cli.supervisor.Progress;
import dev.citadel.platform.engines.DataTier;
import dev.citadel.platform.engines.process.ProcessIdentity;
import dev.citadel.platform.engines.EngineKind;
import dev.citadel.platform.engines.EngineStatus;
import dev.citadel.platform.engines.process.EngineProcess;
import dev.citadel.platform.engines.process.EngineStartException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Starts and stops the data tier through {@code platform/engines}. One engine is restarted through
 * {@link DataTier#attach}: the engines' own state ({@code tier.properties}) gives its spec, so it runs with the same
 * argv, configuration and data directory as at its first start, and its credentials are read from the run
 * directory's files — nothing secret travels on the supervisor's own command line.
 */
public final class EnginesLauncher implements EngineLauncher {

    /** A full repair of this system's small keyspaces takes seconds; minutes mean something is stuck. */
    static final Duration REPAIR_TIMEOUT = Duration.ofMinutes(5);

    private final Path runDir;
    private final boolean logToRunDir;
    /** Attached once and kept: it is the parent of every engine it restarted, so it knows how they exit. */
    private DataTier attached;

    /**
     * The engines of {@code runDir}. {@code logToRunDir}: library logging goes to {@code logs/citadel-cli.log}
     * ({@code up}/{@code down}); false when the caller (the supervisor) has set up its own log already.
     */
    public EnginesLauncher(Path runDir, boolean logToRunDir) {
        this.runDir = runDir;
        this.logToRunDir = logToRunDir;
    }

    @Override
    public ProcessRecord restart(ProcessRecord dead, Progress progress) {
        DataTier tier = attached(dead.name());
        progress.step("starting " + dead.name() + " again");
        try {
            if (dead.kind() == EngineKind.CASSANDRA) {
                tier.startCassandra(dead.name());
            } else {
                tier.startKafka(dead.name());
            }
        } catch (RuntimeException e) {
            // Not ready (or exited): stop what was launched, or the next attempt would find it "already running".
            try {
                if (dead.kind() == EngineKind.CASSANDRA) {
                    tier.stopCassandra(dead.name());
                } else {
                    tier.stopKafka(dead.name());
                }
            } catch (RuntimeException stop) {
                e.addSuppressed(stop);
            }
            throw new ExitException(ExitCode.NOT_READY, dead.name() + " did not become ready again: "
                    + e.getMessage(), e);
        }
        if (dead.kind() == EngineKind.CASSANDRA && tier.spec().cassandraNodes().size() > 1) {
            catchUp(tier, dead.name(), progress);
        }
        long pid = tier.process(dead.name()).map(EngineProcess::pid).orElseThrow();
        return dead.withPid(pid);
    }

    /**
     * A node that was dead missed writes that hints may not all bring back; a full repair against the other data
     * centres does, before the restart is reported done. A repair that fails (another node down, say) leaves the
     * node running as it is: hints still arrive, and the next restart repairs again.
     */
    private static void catchUp(DataTier tier, String node, Progress progress) {
        long started = System.nanoTime();
        int exit;
        try {
            exit = tier.repairCassandra(node, REPAIR_TIMEOUT);
        } catch (RuntimeException e) {
            progress.step(node + ": repair did not run (" + e.getMessage() + ")");
            return;
        }
        String took = String.format(Locale.ROOT, "%.1fs", (System.nanoTime() - started) / 1e9);
        progress.step(exit == 0 ? node + " repaired against the other data centres in " + took
                : node + ": repair " + (exit < 0 ? "timed out" : "failed (nodetool exit " + exit + ")") + " after "
                + took + "; see logs/" + node + "-repair.log");
    }

    @Override
    public synchronized String exitCause(ProcessRecord dead) {
        if (attached == null) {
            return ExitCause.UNKNOWN;
        }
        return attached.process(dead.name()).filter(p -> p.pid() == dead.pid())
                .map(p -> ExitCause.describe(p.exitCode())).orElse(ExitCause.UNKNOWN);
    }

    /**
     * The tier as it knows {@code engine}: attached again when a broker joined it since (a release unit's own,
     * added by {@code citadel release} to {@code tier.properties}).
     */
    private synchronized DataTier attached(String engine) {
        if (attached != null && attached.spec().kafkaBroker(engine).isEmpty()
                && attached.spec().cassandraNode(engine).isEmpty()) {
            attached = null;
        }
        if (attached == null) {
            if (logToRunDir) {
                CliLogging.toFile(runDir.resolve("logs").resolve("citadel-cli.log"));
            }
            attached = DataTier.attach(runDir);
        }
        return attached;
    }

    @Override
    public List<ProcessRecord> start(DataTierPlan plan, Duration readyTimeout, Progress progress) {
        createPrivateDir(plan.runDir());
        createPrivateDir(plan.runDir().resolve("logs"));
        CliLogging.toFile(plan.runDir().resolve("logs").resolve("citadel-cli.log"));
        // Ctrl-C during a start must not leave engines behind that no state file of ours knows about.
        Thread interrupted = new Thread(() -> stopStrays(plan.runDir(), Progress.SILENT), "citadel-interrupted-up");
        Runtime.getRuntime().addShutdownHook(interrupted);
        DataTier tier;
        try {
            tier = DataTier.start(EngineSpecs.of(plan, ProcessIdentity.effectiveRoot()), progress::step,
                    readyTimeout);
        } catch (EngineStartException e) {
            throw new ExitException(ExitCode.NOT_READY, "the data tier did not become ready; what was started has "
                    + "been stopped:\n" + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new ExitException(ExitCode.NOT_READY, "the data tier did not start (" + e + "); what was started "
                    + "has been stopped; see " + plan.runDir().resolve("logs"), e);
        } finally {
            removeHook(interrupted);
        }
        Map<String, PlannedComponent> byName = plan.components().stream()
                .collect(Collectors.toMap(PlannedComponent::name, Function.identity()));
        // Deliberately no tier.stop()/close(): the engines must outlive this process.
        return tier.processes().stream().map(s -> record(s, byName.get(s.name()))).toList();
    }

    @Override
    public void stop(ProcessRecord process, Duration grace) {
        EngineProcess.stopPid(process.pid(), process.name(), grace);
    }

    @Override
    public int stopStrays(Path runDir, Progress progress) {
        DataTier tier;
        try {
            tier = DataTier.attach(runDir);
        } catch (IllegalStateException e) {
            return 0; // the engines never recorded anything in this run directory
        }
        long alive = tier.processes().stream().filter(EngineStatus::alive).count();
        if (alive > 0) {
            progress.step("stopping " + alive + " engines of an interrupted start");
            tier.stop();
        }
        return (int) alive;
    }

    private static ProcessRecord record(EngineStatus status, PlannedComponent component) {
        return new ProcessRecord(status.name(), component.region(), status.kind(), status.address(), status.pid(),
                status.logFile().toString());
    }

    /** The run directory holds the CA key and credentials: owner only. */
    private static void createPrivateDir(Path dir) {
        try {
            Files.createDirectories(dir);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // already shutting down: the hook is running, nothing to remove
        }
    }
}
