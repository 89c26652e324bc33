package dev.citadel.cli;

import dev.citadel.cli.engines.CliLogging;
import dev.citadel.cli.engines.EnginesLauncher;
import dev.citadel.cli.services.JsonFiles;
import dev.citadel.cli.services.RunLayout;
import dev.citadel.cli.services.ServicePlan;
import dev.citadel.cli.services.ServiceSupervisor;
import dev.citadel.cli.services.SupervisorProcess;
import dev.citadel.cli.supervisor.EngineSupervisor;
import dev.citadel.cli.supervisor.StateStore;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code citadel supervise} (hidden): the detached process {@code up} leaves behind. It owns the services of
 * {@code services-plan.json}, restarts them when they crash, and stops them on SIGTERM ({@code down}); it also
 * watches the engines of {@code citadel-state.json} and restarts a dead one alone ({@link EngineSupervisor}).
 */
@Command(name = "supervise", hidden = true, mixinStandardHelpOptions = true,
        description = "Runs the services of the run directory's plan in the foreground until SIGTERM (started by `up`).")
public final class SuperviseCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    TopologyOptions topology;

    @Override
    public Integer call() throws InterruptedException {
        RunLayout layout = new RunLayout(topology.runDir());
        ServicePlan plan = JsonFiles.read(layout.servicesPlan(), ServicePlan.class).orElseThrow(() -> new ExitException(
                ExitCode.STATE_UNUSABLE, "no " + layout.servicesPlan() + "; `citadel up` writes it"));
        CliLogging.toFile(layout.logFile(SupervisorProcess.LIBS_LOG));
        PrintWriter log = spec.commandLine().getOut();
        superviseEngines(layout, log);
        new ServiceSupervisor(plan, layout, log).run();
        return ExitCode.OK;
    }

    private static void superviseEngines(RunLayout layout, PrintWriter log) {
        Consumer<String> say = message -> {
            synchronized (log) {
                log.println(Instant.now() + " " + message);
                log.flush();
            }
        };
        ExecutorService restarts = Executors.newCachedThreadPool(daemon("engine-restart"));
        EngineSupervisor engines = new EngineSupervisor(StateStore.in(layout.runDir()),
                new EnginesLauncher(layout.runDir(), false), restarts, say);
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(daemon("engine-watch"));
        timer.scheduleWithFixedDelay(() -> {
            try {
                engines.check();
            } catch (RuntimeException e) {
                // An exception would cancel the schedule: report it and look again next time.
                say.accept("engine check failed: " + e.getMessage());
            }
        }, 1, 1, TimeUnit.SECONDS);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            engines.stop();
            timer.shutdownNow();
        }, "supervisor-engines-stop"));
    }

    private static ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
