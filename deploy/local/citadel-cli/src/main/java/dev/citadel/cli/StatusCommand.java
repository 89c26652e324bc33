package dev.citadel.cli;

import dev.citadel.cli.services.RunLayout;
import dev.citadel.cli.services.ServiceRows;
import dev.citadel.cli.services.SupervisorProcess;
import dev.citadel.cli.status.CertificateExpiry;
import dev.citadel.cli.status.ComponentState;
import dev.citadel.cli.status.StatusRow;
import dev.citadel.cli.status.StatusTable;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code citadel status}: what {@code up} started and whether each process is really alive. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Prints every component started by `up` with its real liveness, then the run's certificates and their expiry",
                "(a WARNING line for each that expires within 30 days).",
                "Exits 10 when something that should run is dead."})
public final class StatusCommand implements Callable<Integer>, ManagementCommand, OutputOptions.Aware {

    @Spec
    CommandSpec spec;

    @Mixin
    TopologyOptions topology;

    @Mixin
    OutputOptions output;

    private final SupervisorFactory supervisors;

    public StatusCommand() {
        this(SupervisorFactory.ENGINES);
    }

    StatusCommand(SupervisorFactory supervisors) {
        this.supervisors = supervisors;
    }

    @Override
    public Integer call() {
        RunLayout layout = new RunLayout(topology.runDir());
        // With the supervisor alive a dead engine is being restarted; without it, it stays dead until `up`.
        List<StatusRow> rows = new ArrayList<>(supervisors.create(topology.runDir()).status(SupervisorProcess.alive(layout)));
        rows.addAll(ServiceRows.of(layout));
        long dead = rows.stream().filter(r -> r.state() == ComponentState.DEAD).count();
        if (!output.quiet()) {
            PrintWriter out = spec.commandLine().getOut();
            out.print(StatusTable.render(rows));
            dev.citadel.cli.release.ReleaseState.readIfPresent(topology.runDir()).ifPresent(r -> out.print(r.describe()));
            out.print(CertificateExpiry.render(CertificateExpiry.scan(layout.runDir()), Instant.now()));
            out.flush();
        } else {
            // Quiet still says what needs the operator soon.
            PrintWriter err = spec.commandLine().getErr();
            CertificateExpiry.warnings(CertificateExpiry.scan(layout.runDir()), Instant.now()).forEach(err::println);
            err.flush();
        }
        if (dead > 0) {
            throw new ExitException(ExitCode.DEGRADED, dead + " of " + rows.size()
                    + " components are dead; see their logs, then `citadel up` (starts only what is dead)");
        }
        return ExitCode.OK;
    }

    @Override
    public OutputOptions output() {
        return output;
    }

    @Override
    public java.nio.file.Path runDir() {
        return topology.runDir();
    }
}
