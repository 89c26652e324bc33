package dev.citadel.platform.engines;

import dev.citadel.platform.engines.cassandra.CassandraJmx;
import dev.citadel.platform.engines.process.LaunchPrefix;
import dev.citadel.platform.engines.process.ProcessIdentity;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The whole data tier: one Cassandra cluster (nodes in one or more data centres) and any number of
 * independent single-broker Kafka clusters. Everything it writes lives under {@code runDir}. {@code namespaces} maps an
 * engine's name to the network namespace it runs in (isolated mode: its region's data zone); an engine not listed runs
 * in the caller's namespace. With {@code separateUsers} (the caller runs as root) each engine runs as its own system
 * account ({@link #identity(String)}) and owns only its own directory and logs.
 */
public record DataTierSpec(String clusterName, List<CassandraNodeSpec> cassandraNodes,
                           List<KafkaBrokerSpec> kafkaBrokers, Path runDir, Map<String, String> namespaces,
                           boolean separateUsers) {

    /** Every engine in the caller's network namespace, as the caller's own user. */
    public DataTierSpec(String clusterName, List<CassandraNodeSpec> cassandraNodes, List<KafkaBrokerSpec> kafkaBrokers,
                        Path runDir) {
        this(clusterName, cassandraNodes, kafkaBrokers, runDir, Map.of(), false);
    }

    private static final Pattern CLUSTER = Pattern.compile("[A-Za-z0-9_-]{1,48}");

    public DataTierSpec {
        if (clusterName == null || !CLUSTER.matcher(clusterName).matches()) {
            throw new IllegalArgumentException("clusterName must match " + CLUSTER + " but was '" + clusterName + "'");
        }
        cassandraNodes = List.copyOf(cassandraNodes);
        kafkaBrokers = List.copyOf(kafkaBrokers);
        namespaces = Map.copyOf(namespaces);
        Objects.requireNonNull(runDir, "runDir");
        runDir = runDir.toAbsolutePath().normalize();
        Set<String> names = new HashSet<>();
        for (CassandraNodeSpec n : cassandraNodes) {
            requireUnique(names, n.name());
        }
        for (KafkaBrokerSpec b : kafkaBrokers) {
            requireUnique(names, b.name());
        }
        if (!cassandraNodes.isEmpty() && cassandraNodes.stream().noneMatch(CassandraNodeSpec::isSeed)) {
            throw new IllegalArgumentException("at least one Cassandra node must be a seed (listed in its own seeds)");
        }
    }

    private static void requireUnique(Set<String> names, String name) {
        if (!names.add(name)) {
            throw new IllegalArgumentException("engine name '" + name + "' is used twice");
        }
    }

    /** Data centre names in the order their first node appears. */
    public List<String> dataCenters() {
        Set<String> dcs = new LinkedHashSet<>();
        cassandraNodes.forEach(n -> dcs.add(n.dataCenter()));
        return List.copyOf(dcs);
    }

    public List<CassandraNodeSpec> nodesIn(String dataCenter) {
        return cassandraNodes.stream().filter(n -> n.dataCenter().equals(dataCenter)).toList();
    }

    public Optional<CassandraNodeSpec> cassandraNode(String name) {
        return cassandraNodes.stream().filter(n -> n.name().equals(name)).findFirst();
    }

    public Optional<KafkaBrokerSpec> kafkaBroker(String name) {
        return kafkaBrokers.stream().filter(b -> b.name().equals(name)).findFirst();
    }

    /** The account an engine runs as, or empty when every engine runs as the caller. */
    public Optional<ProcessIdentity> identity(String engineName) {
        return separateUsers ? Optional.of(ProcessIdentity.of(engineName)) : Optional.empty();
    }

    /** Where the engine jars are copied for engines that cannot read the caller's Maven repository. */
    public Path engineJarsDir() {
        return runDir.resolve("jars/engines");
    }

    public Path logDir() {
        return runDir.resolve("logs");
    }

    /** The engine's own log, written by its logging framework with rotation and a size cap (see {@link LogRotation}). */
    public Path logFile(String engineName) {
        return logDir().resolve(engineName + ".log");
    }

    /** What the engine JVM writes to stdout/stderr outside its logging (JVM warnings, early crashes). */
    public Path consoleFile(String engineName) {
        return logDir().resolve(engineName + ".out");
    }

    /** What the engine's JVM is launched behind: its namespace, if it has one. */
    public LaunchPrefix launchPrefix(String engineName) {
        return LaunchPrefix.netns(namespaces.get(engineName));
    }

    /**
     * Where a node's JMX listens: loopback when the node shares the caller's network namespace (nothing else on the
     * machine needs it); the node's own address when it runs in a zone of its own, where loopback is the zone's and
     * the management zone reaches the node's address only.
     */
    public String jmxHost(CassandraNodeSpec node) {
        return namespaces.containsKey(node.name()) ? node.listenAddress() : CassandraJmx.HOST;
    }
}
