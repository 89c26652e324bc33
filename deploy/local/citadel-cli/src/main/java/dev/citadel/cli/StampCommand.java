package dev.citadel.cli;

import dev.citadel.cli.release.ServingUnit;
import dev.citadel.cli.services.OperatorTls;
import dev.citadel.cli.services.RunLayout;
import dev.citadel.cli.topology.Topology;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code citadel stamp out|in REGION}: the operator's state switch. Calls the stamp's health-service
 * {@code POST /actuator/rotation} on its management port with the operator's client certificate; the stamp then
 * answers 503 (or 200 again) on {@code /health/stamp}, and the edge moves its traffic within its probe window.
 */
@Command(name = "stamp", mixinStandardHelpOptions = true,
        description = {"Takes a stamp out of rotation, or puts it back, without stopping it.",
                "Exits 10 when the stamp's health-service cannot be reached or refuses."})
public final class StampCommand implements Callable<Integer>, ManagementCommand {

    enum Action { out, in }

    @Spec
    CommandSpec spec;

    @Mixin
    TopologyOptions topology;

    @Parameters(index = "0", paramLabel = "out|in", description = "out: stop receiving traffic; in: receive it again.")
    Action action;

    @Parameters(index = "1", paramLabel = "REGION", description = "The stamp's region, e.g. region1.")
    String region;

    @Override
    public Integer call() throws InterruptedException {
        Topology topo = topology.load();
        if (topo.regions().stream().noneMatch(r -> r.name().equals(region))) {
            throw new ExitException(ExitCode.USAGE, "no region '" + region + "' in " + topology.topology());
        }
        Target target = target(ServingUnit.of(topology.runDir()), topo, region);
        String component = target.component();
        URI uri = target.uri();
        HttpClient http = HttpClient.newBuilder().sslContext(OperatorTls.context(new RunLayout(topology.runDir())))
                .connectTimeout(Duration.ofSeconds(3)).build();
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"state\":\"" + action + "\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new ExitException(ExitCode.DEGRADED, "cannot reach " + component + " at " + uri + ": " + e);
        }
        if (response.statusCode() / 100 != 2) {
            throw new ExitException(ExitCode.DEGRADED, component + " answered " + response.statusCode()
                    + ": " + response.body());
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("stamp " + region + " is now " + (action == Action.out ? "OUT of" : "IN") + " rotation ("
                + response.body().strip() + ")");
        out.flush();
        return ExitCode.OK;
    }

    /** The stamp's health-service and its rotation switch. */
    record Target(String component, URI uri) {}

    /** The health-service of the release unit that serves: after a release to unit b, b's name and address. */
    static Target target(ServingUnit serving, Topology topo, String region) {
        var health = serving.place(topo).stamp(region).healthService();
        return new Target(serving.component(dev.citadel.cli.services.ServiceKind.HEALTH_SERVICE.component(region)),
                URI.create("https://" + health.address() + ":" + health.managementPort() + "/actuator/rotation"));
    }

    @Override
    public java.nio.file.Path runDir() {
        return topology.runDir();
    }
}
