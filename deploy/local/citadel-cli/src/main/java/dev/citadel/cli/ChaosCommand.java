package dev.citadel.cli;

import dev.citadel.cli.chaos.ChaosReport;
import dev.citadel.cli.chaos.ChaosResult;
import dev.citadel.cli.chaos.ChaosRunner;
import dev.citadel.cli.chaos.ChaosSetup;
import dev.citadel.cli.chaos.Experiment;
import dev.citadel.cli.chaos.Experiments;
import dev.citadel.cli.release.ServingUnit;
import dev.citadel.cli.services.RunLayout;
import dev.citadel.cli.services.ServiceRows;
import dev.citadel.cli.services.SupervisorProcess;
import dev.citadel.cli.status.ComponentState;
import dev.citadel.cli.status.StatusRow;
import dev.citadel.cli.topology.Topology;
import dev.citadel.cli.topology.TopologyLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code citadel chaos EXPERIMENT|all|list}: runs fault experiments against the running topology under a steady
 * reference mix through the edge and judges each against the targets (no failed read, < 0.1 % failed writes, traffic
 * moved within 2 s, healthy again, no accepted write lost). Writes a Markdown + JSON report with a PNG timeline each.
 */
@Command(name = "chaos", mixinStandardHelpOptions = true,
        description = {"Runs a fault experiment (or all) under load and prints its verdict.",
                "`citadel chaos list` names the experiments. Exits 18 when one misses a target."})
public final class ChaosCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    TopologyOptions topology;

    @Parameters(index = "0", paramLabel = "EXPERIMENT", description = "An experiment's name, `all`, or `list`.")
    String experiment;

    @Option(names = "--region", paramLabel = "REGION", description = "The region whose parts fail (default: the first).")
    String region;

    @Option(names = "--hold", paramLabel = "SECONDS", defaultValue = "15",
            description = "How long a pause, starvation or partition lasts (default: ${DEFAULT-VALUE}).")
    int holdSeconds;

    @Option(names = "--baseline", paramLabel = "SECONDS", defaultValue = "10",
            description = "Load before the fault is injected (default: ${DEFAULT-VALUE}).")
    int baselineSeconds;

    @Option(names = "--clients", defaultValue = "16", description = "Concurrent clients (default: ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--rate", paramLabel = "REQ/S", defaultValue = "80",
            description = "Total request rate; the edge allows 200/s per client address (default: ${DEFAULT-VALUE}).")
    int rate;

    @Option(names = "--report", paramLabel = "DIR",
            description = "Where the report goes (default: <run-dir>/chaos/<date-time>).")
    Path reportDir;

    @Override
    public Integer call() throws InterruptedException, IOException {
        Topology topo = TopologyLoader.load(topology.topology());
        // The faults hit the release unit that serves: its processes and its stamps' addresses.
        ServingUnit serving = ServingUnit.of(topology.runDir());
        String target = region != null ? region : topo.regions().get(0).name();
        Experiments catalogue;
        try {
            catalogue = Experiments.of(topo, target, Duration.ofSeconds(holdSeconds), serving.unit());
        } catch (IllegalArgumentException e) {
            throw new ExitException(ExitCode.USAGE, e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        if (experiment.equals("list")) {
            catalogue.all().forEach(e -> out.printf("%-28s %s%n", e.name(), e.description()));
            out.flush();
            return ExitCode.OK;
        }
        List<Experiment> chosen = experiment.equals("all") ? catalogue.all()
                : List.of(catalogue.named(experiment).orElseThrow(() -> new ExitException(ExitCode.USAGE,
                        "no experiment '" + experiment + "'; one of: all, " + String.join(", ", catalogue.names()))));
        RunLayout layout = new RunLayout(topology.runDir());
        ChaosRunner runner = ChaosSetup.runner(serving.place(topo), layout, () -> allRunning(layout), clients, rate,
                new ChaosRunner.Pacing(Duration.ofSeconds(baselineSeconds), Duration.ofMinutes(5),
                        Duration.ofSeconds(5), Duration.ofMinutes(2)), out);
        List<ChaosResult> results = new ArrayList<>();
        for (Experiment e : chosen) {
            results.add(runner.run(e));
        }
        Path dir = reportDir != null ? reportDir : layout.runDir().resolve("chaos")
                .resolve(LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        Path report = ChaosReport.write(dir, results);
        out.println();
        out.print(ChaosReport.table(results));
        out.println("report: " + report + " (and report.json, timeline-*.png beside it)");
        out.flush();
        long missed = results.stream().filter(r -> !r.passed()).count();
        if (missed > 0) {
            throw new ExitException(ExitCode.CHAOS_MISSED, missed + " of " + results.size()
                    + " experiments missed a target; see " + report);
        }
        return ExitCode.OK;
    }

    /** Every engine and service of `status` runs (none dead, restarting or starting). */
    private static boolean allRunning(RunLayout layout) {
        List<StatusRow> rows = new ArrayList<>(SupervisorFactory.ENGINES.create(layout.runDir())
                .status(SupervisorProcess.alive(layout)));
        rows.addAll(ServiceRows.of(layout));
        return !rows.isEmpty() && rows.stream().allMatch(r -> r.state() == ComponentState.RUNNING);
    }
}
