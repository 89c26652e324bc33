package dev.citadel.cli;

import dev.citadel.cli.network.IsolationMarker;
import dev.citadel.cli.network.NetworkCheck;
import dev.citadel.cli.network.NetworkMatrix;
import dev.citadel.cli.network.NetworkPlan;
import dev.citadel.cli.network.NetworkSetup;
import dev.citadel.cli.topology.TopologyLoader;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code citadel check network}: every (source zone, destination socket) pair of the isolated network, tried. */
@Command(name = "network", mixinStandardHelpOptions = true,
        description = {"Isolated mode only (root): from inside every zone's namespace, opens a TCP connection to every "
                + "socket of every other zone, prints the matrix and each surprise, and ends with `N/N flows as "
                + "designed`. A connection the host refused counts as reached: the network let it through.",
                "Exit 17 if any flow is not as designed, 16 if there is no isolated network."})
public final class CheckNetworkCommand implements Callable<Integer>, OutputOptions.Aware {

    @Spec
    CommandSpec spec;

    @Mixin
    TopologyOptions topology;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() {
        String prefix = IsolationMarker.read(topology.runDir()).orElseThrow(() -> new ExitException(
                ExitCode.ISOLATION_UNAVAILABLE, "no isolated network in " + topology.runDir()
                        + ": run `up --isolated` first"));
        NetworkSetup.requireRootAndTools();
        NetworkPlan plan = NetworkPlan.of(TopologyLoader.load(topology.topology()));
        List<NetworkCheck.Result> results = NetworkCheck.run(plan, prefix);
        String matrix = NetworkMatrix.render(plan, results);
        PrintWriter out = spec.commandLine().getOut();
        if (output.quiet()) {
            out.print(matrix.substring(matrix.stripTrailing().lastIndexOf('\n') + 1));
        } else {
            out.print(matrix);
        }
        out.flush();
        return results.stream().allMatch(NetworkCheck.Result::asDesigned) ? ExitCode.OK
                : ExitCode.FLOWS_NOT_AS_DESIGNED;
    }

    @Override
    public OutputOptions output() {
        return output;
    }
}
