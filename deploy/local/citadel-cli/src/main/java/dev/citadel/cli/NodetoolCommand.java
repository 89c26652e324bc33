package dev.citadel.cli;

import dev.citadel.platform.engines.DataTier;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code citadel nodetool REGION -- ARGS...}: Cassandra's nodetool against the region's running node, as the JMX
 * operator over TLS. The engines layer builds the command line; credentials and trust come from the node's files in
 * the run directory, never from this command line.
 */
@Command(name = "nodetool", mixinStandardHelpOptions = true,
        description = {"Runs Cassandra's nodetool against REGION's node (JMX over TLS, operator credentials from the "
                + "run directory), e.g. `citadel nodetool region1 -- status`.",
                "Exits with nodetool's exit code; 2 for an unknown region, 10 when the node is not running."})
public final class NodetoolCommand implements Callable<Integer>, ManagementCommand {

    @Mixin
    TopologyOptions topology;

    @Parameters(index = "0", paramLabel = "REGION", description = "Region whose Cassandra node to address.")
    String region;

    @Parameters(index = "1..*", paramLabel = "ARGS", description = "nodetool's arguments; put them after `--`.")
    List<String> args = new ArrayList<>();

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (!region.matches("[a-z][a-z0-9-]{0,62}")) {
            throw new ExitException(ExitCode.USAGE, "not a region name: " + region);
        }
        if (!Files.exists(topology.runDir().resolve("tier.properties"))) {
            throw new ExitException(ExitCode.DEGRADED, "no data tier was started from " + topology.runDir()
                    + "; run `citadel up` first");
        }
        DataTier tier = DataTier.attach(topology.runDir());
        String node = "cassandra-" + region;
        if (tier.spec().cassandraNode(node).isEmpty()) {
            throw new ExitException(ExitCode.USAGE, "no region '" + region + "'; known: " + tier.spec().cassandraNodes()
                    .stream().map(n -> n.name().substring("cassandra-".length())).collect(Collectors.joining(", ")));
        }
        boolean running = tier.processes().stream().anyMatch(s -> s.name().equals(node) && s.alive());
        if (!running) {
            throw new ExitException(ExitCode.DEGRADED, node + " is not running; see `citadel status`");
        }
        Process nodetool = new ProcessBuilder(tier.nodetoolCommand(node, args)).inheritIO().start();
        return nodetool.waitFor();
    }

    @Override
    public java.nio.file.Path runDir() {
        return topology.runDir();
    }
}
