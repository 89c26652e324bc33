package dev.citadel.cli.engines;

import dev.citadel.cli.ExitCode;
import dev.citadel.cli.ExitException;
import dev.citadel.cli.plan.DataTierPlan;
import dev.citadel.cli.plan.PlannedComponent;
import dev.citadel.cli.supervisor.EngineLauncher;
import dev.citadel.cli.supervisor.ProcessRecord;
import dev.citadel.cli.supervisor.Progress;
import dev.citadel.platform.engines.DataTier;
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
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Starts and stops the data tier through {@code platform/engines}. */
public final class EnginesLauncher implements EngineLauncher {

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
            tier = DataTier.start(EngineSpecs.of(plan), progress::step, readyTimeout);
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
