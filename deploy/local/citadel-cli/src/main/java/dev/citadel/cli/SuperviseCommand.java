package dev.citadel.cli;

import dev.citadel.cli.engines.CliLogging;
import dev.citadel.cli.services.JsonFiles;
import dev.citadel.cli.services.RunLayout;
import dev.citadel.cli.services.ServicePlan;
import dev.citadel.cli.services.ServiceSupervisor;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code citadel supervise} (hidden): the detached process {@code up} leaves behind. It owns the services of
 * {@code services-plan.json}, restarts them when they crash, and stops them on SIGTERM ({@code down}).
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
        CliLogging.toFile(layout.logFile("citadel-supervisor-libs"));
        PrintWriter log = spec.commandLine().getOut();
        new ServiceSupervisor(plan, layout, log).run();
        return ExitCode.OK;
    }
}
