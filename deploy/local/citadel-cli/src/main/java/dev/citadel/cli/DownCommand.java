package dev.citadel.cli;

import dev.citadel.cli.services.RunLayout;
import dev.citadel.cli.services.SupervisorProcess;
import dev.citadel.cli.supervisor.Progress;
import dev.citadel.cli.supervisor.ProgressPrinter;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code citadel down}: stop everything {@code up} started. Safe to run any number of times. */
@Command(name = "down", mixinStandardHelpOptions = true,
        description = {"Stops the supervisor and every service, then the engines (SIGTERM, then SIGKILL after a "
                + "grace period), and removes the state files. Data, certificates and logs stay for the next `up`."})
public final class DownCommand implements Callable<Integer>, OutputOptions.Aware {

    @Spec
    CommandSpec spec;

    @Mixin
    TopologyOptions topology;

    @Mixin
    OutputOptions output;

    private final SupervisorFactory supervisors;

    public DownCommand() {
        this(SupervisorFactory.ENGINES);
    }

    DownCommand(SupervisorFactory supervisors) {
        this.supervisors = supervisors;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Progress progress = output.quiet() ? Progress.SILENT : new ProgressPrinter(out);
        // The supervisor first: otherwise it would restart the services that lose their database.
        int stopped = SupervisorProcess.stop(new RunLayout(topology.runDir()), progress);
        stopped += supervisors.create(topology.runDir()).down(progress);
        if (!output.quiet()) {
            out.println(stopped == 0 ? "nothing was running" : "stopped " + stopped + (stopped == 1 ? " process" : " processes"));
            out.flush();
        }
        return ExitCode.OK;
    }

    @Override
    public OutputOptions output() {
        return output;
    }
}
