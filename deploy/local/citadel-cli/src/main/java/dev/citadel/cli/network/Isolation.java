package dev.citadel.cli.network;

import dev.citadel.cli.ExitCode;
import dev.citadel.cli.ExitException;
import dev.citadel.cli.services.ServiceKind;
import dev.citadel.cli.topology.Topology;
import dev.citadel.platform.engines.process.LaunchPrefix;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An isolated run: which namespace each component runs in, and how the CLI gets into the management zone. Which zone
 * a component belongs to is the plan's ({@link NetworkPlan}); the addresses the components bind come from
 * {@link NetworkPlan#place}, so the rules and the listeners cannot disagree.
 */
public record Isolation(String prefix, NetworkPlan plan) {

    /** Set by the CLI on the command it re-executes inside a zone: the namespace it is in. */
    public static final String ZONE_ENV = "CITADEL_NETNS";

    /** The isolation of the run directory, if its marker says it is isolated. */
    public static Optional<Isolation> of(Path runDir, Topology topology) {
        return IsolationMarker.read(runDir).map(prefix -> new Isolation(prefix, NetworkPlan.of(topology)));
    }

    /** The management zone's namespace: where the CLI, its supervisor and its probes run. */
    public String management() {
        return prefix + "-mgmt";
    }

    /** The namespace of a service: a stamp's services in its app zone, its egress firewall in its egress zone. */
    public String namespace(ServiceKind kind, String region) {
        return switch (kind) {
            case EDGE -> prefix + "-edge";
            case EGRESS_FIREWALL -> prefix + "-" + region + "-egress";
            default -> prefix + "-" + region + "-app";
        };
    }

    public LaunchPrefix launchPrefix(ServiceKind kind, String region) {
        return LaunchPrefix.netns(namespace(kind, region));
    }

    /** Each engine of the topology ({@code cassandra-<region>}, {@code kafka-<region>}) → its region's data zone. */
    public Map<String, String> engineNamespaces(Topology topology) {
        Map<String, String> result = new LinkedHashMap<>();
        for (Topology.Region region : topology.regions()) {
            String data = prefix + "-" + region.name() + "-data";
            result.put("cassandra-" + region.name(), data);
            result.put("kafka-" + region.name(), data);
        }
        return result;
    }

    /** Whether this process already runs in the management zone (it was re-executed there). */
    public boolean insideManagement() {
        return management().equals(System.getenv(ZONE_ENV));
    }

    /**
     * Runs this CLI again, with the same arguments, inside the management zone, its output this process's own; the
     * exit code. Whatever it forks (the supervisor) lives there too.
     */
    public int reexecInManagement(String java, Path cliJar, List<String> args) {
        return reexec(management(), java, cliJar, args);
    }

    /** Like {@link #reexecInManagement}, for a run known only by its marker's prefix. */
    public static int reexecInManagement(String prefix, String java, Path cliJar, List<String> args) {
        return reexec(prefix + "-mgmt", java, cliJar, args);
    }

    private static int reexec(String namespace, String java, Path cliJar, List<String> args) {
        if (!NetworkSetup.exists(namespace)) {
            throw new ExitException(ExitCode.ISOLATION_UNAVAILABLE, "no namespace " + namespace + ": the isolated "
                    + "network of this run directory is gone; `citadel down`, then `up --isolated` again");
        }
        List<String> argv = new ArrayList<>(LaunchPrefix.netns(namespace).args());
        argv.addAll(List.of(java, "-jar", cliJar.toString()));
        argv.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(argv).inheritIO();
        builder.environment().put(ZONE_ENV, namespace);
        try {
            return builder.start().waitFor();
        } catch (IOException e) {
            throw new ExitException(ExitCode.ISOLATION_UNAVAILABLE, "cannot enter " + namespace + ": "
                    + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ExitException(ExitCode.ISOLATION_UNAVAILABLE, "interrupted", e);
        }
    }
}
