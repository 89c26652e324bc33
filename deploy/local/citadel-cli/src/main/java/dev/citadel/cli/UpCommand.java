package dev.citadel.cli;

import dev.citadel.cli.plan.DataTierPlan;
import dev.citadel.cli.status.StatusTable;
import dev.citadel.cli.supervisor.DataTierSupervisor;
import dev.citadel.cli.supervisor.Progress;
import dev.citadel.cli.supervisor.ProgressPrinter;
import dev.citadel.cli.topology.TopologyLoader;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code citadel up}: start the data tier in the background (or report it, if it already runs). */
@Command(name = "up", mixinStandardHelpOptions = true,
        description = {"Generates certificates and credentials, starts Cassandra and Kafka for every region, waits "
                + "until they are ready, prints the status table and exits, leaving them running.",
                "Running it again while everything runs starts nothing and prints the status."})
public final class UpCommand implements Callable<Integer>, OutputOptions.Aware {

    @Spec
    CommandSpec spec;

    @Mixin
    TopologyOptions topology;

    @Mixin
    OutputOptions output;

    @Option(names = "--ready-timeout", paramLabel = "SECONDS", defaultValue = "300",
            description = "How long each engine may take to become ready (default: ${DEFAULT-VALUE}); "
                    + "raise it on a slow or busy machine.")
    int readyTimeoutSeconds;

    private final SupervisorFactory supervisors;

    public UpCommand() {
        this(SupervisorFactory.ENGINES);
    }

    UpCommand(SupervisorFactory supervisors) {
        this.supervisors = supervisors;
    }

    @Override
    public Integer call() {
        if (readyTimeoutSeconds < 10) {
            throw new ParameterException(spec.commandLine(), "--ready-timeout must be at least 10 seconds");
        }
        PrintWriter out = spec.commandLine().getOut();
        DataTierPlan plan = DataTierPlan.of(TopologyLoader.load(topology.topology()), topology.runDir());
        Progress progress = output.quiet() ? Progress.SILENT : new ProgressPrinter(out);
        DataTierSupervisor supervisor = supervisors.create(plan.runDir());
        DataTierSupervisor.UpResult result = supervisor.up(plan, topology.topology().toString(),
                Duration.ofSeconds(readyTimeoutSeconds), progress);
        if (!output.quiet()) {
            if (result.alreadyRunning()) {
                out.println("already running (run directory " + plan.runDir() + "); nothing started");
            }
            out.print(StatusTable.render(result.rows()));
            out.flush();
        }
        return ExitCode.OK;
    }

    @Override
    public OutputOptions output() {
        return output;
    }
}
