package dev.citadel.cli;

import dev.citadel.cli.release.ServingUnit;
import dev.citadel.cli.release.UnitsStatus;
import dev.citadel.cli.services.OperatorTls;
import dev.citadel.cli.services.RunLayout;
import dev.citadel.cli.services.ServiceRows;
import dev.citadel.cli.services.SupervisorProcess;
import dev.citadel.cli.status.CertificateExpiry;
import dev.citadel.cli.status.ComponentState;
import dev.citadel.cli.status.StatusRow;
import dev.citadel.cli.status.StatusTable;
import dev.citadel.cli.topology.Topology;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
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
        description = {"Prints every component started by `up` with its real liveness, each release unit that exists "
                + "(version, share of the edge's weight, health of its origins), then the run's certificates and their expiry",
                "(a WARNING line for each that expires within 30 days).",
                "Exits 10 when something that should run is dead."})
public final class StatusCommand implements Callable<Integer>, ManagementCommand, OutputOptions.Aware {

    private static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper.builder()
            .build();

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
            if (!rows.isEmpty()) {
                out.print(units(layout));
            }
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

    /** Each release unit that exists, with its version, edge weight and health (unknown where the edge cannot say). */
    private String units(RunLayout layout) {
        Topology topo;
        try {
            topo = topology.load();
        } catch (RuntimeException e) {
            return String.format("%nrelease units: unknown (%s)%n", e.getMessage());
        }
        List<UnitsStatus.EdgeOrigin> origins = List.of();
        String problem = null;
        var edge = topo.edge();
        URI uri = URI.create("https://" + edge.address() + ":" + edge.managementPort() + "/origins");
        try {
            HttpClient http = HttpClient.newBuilder().sslContext(OperatorTls.context(layout))
                    .connectTimeout(Duration.ofSeconds(2)).build();
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(3)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 200) {
                origins = UnitsStatus.parse(JSON.readTree(r.body()));
            } else {
                problem = "the edge's " + uri + " answered " + r.statusCode();
            }
        } catch (IOException | RuntimeException e) {
            problem = "the edge's " + uri + " cannot be read: " + e.getClass().getSimpleName();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            problem = "interrupted";
        }
        return UnitsStatus.render(ServingUnit.of(layout.runDir()), topo, origins, problem);
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
