package dev.citadel.cli;

import dev.citadel.cli.network.Isolation;
import dev.citadel.cli.network.NetworkPlan;
import dev.citadel.cli.topology.Topology;
import dev.citadel.cli.topology.TopologyLoader;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Mixin: which topology to run and where its state lives. Defaults are under {@code CITADEL_HOME} (exported by the
 * {@code ./citadel} script), falling back to the current directory.
 */
public final class TopologyOptions {

    @Option(names = "--topology", paramLabel = "FILE",
            defaultValue = "${env:CITADEL_HOME:-.}/deploy/local/topology.yaml",
            description = "Topology file (default: ${DEFAULT-VALUE}).")
    Path topology;

    @Option(names = "--run-dir", paramLabel = "DIR",
            defaultValue = "${env:CITADEL_HOME:-.}/.citadel",
            description = "Run directory for certificates, secrets, data, logs and state (default: ${DEFAULT-VALUE}).")
    Path runDir;

    @Option(names = "--home", paramLabel = "DIR", defaultValue = "${env:CITADEL_HOME:-.}",
            description = "Repository root whose built service jars `up` launches (default: ${DEFAULT-VALUE}).")
    Path home;

    public Path home() {
        return home.toAbsolutePath().normalize();
    }

    public Path topology() {
        return topology.toAbsolutePath().normalize();
    }

    /**
     * The topology file's topology, with every listener moved to its zone's address when the run directory is
     * isolated ({@link NetworkPlan#place}): every command of an isolated run sees the addresses the processes bind.
     */
    public Topology load() {
        Topology file = TopologyLoader.load(topology());
        return Isolation.of(runDir(), file).map(i -> i.plan().place(file)).orElse(file);
    }

    public Path runDir() {
        return runDir.toAbsolutePath().normalize();
    }
}
