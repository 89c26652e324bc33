package dev.citadel.cli.plan;

import dev.citadel.cli.topology.Topology;
import dev.citadel.cli.topology.Topology.Region;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What {@code up} will start, in start order: every Cassandra node (the seed first), then every Kafka broker.
 * Building it is a pure function of the topology and the run directory. {@code namespaces}: the network namespace of
 * each engine that runs in one (isolated mode), by engine name.
 */
public record DataTierPlan(String clusterName, Path runDir, List<PlannedComponent> components,
                           Map<String, String> namespaces) {

    public DataTierPlan {
        components = List.copyOf(components);
        namespaces = Map.copyOf(namespaces);
    }

    public DataTierPlan(String clusterName, Path runDir, List<PlannedComponent> components) {
        this(clusterName, runDir, components, Map.of());
    }

    /** This plan with each engine in the given namespace. */
    public DataTierPlan inNamespaces(Map<String, String> engineNamespaces) {
        return new DataTierPlan(clusterName, runDir, components, engineNamespaces);
    }

    public static DataTierPlan of(Topology topology, Path runDir) {
        return of(topology, runDir, "");
    }

    /**
     * Like {@link #of(Topology, Path)} for a release unit's brokers: each named {@code kafka-<region><brokerSuffix>}
     * ({@code kafka-region1-b}) at the address of {@code topology} (the unit's), with the node id the region's broker
     * has in every unit.
     */
    public static DataTierPlan of(Topology topology, Path runDir, String brokerSuffix) {
        // One seed: the first region's node. It starts first and the others join through it; a seed per DC would
        // let each DC's node skip the join wait, which is not what we want when the nodes start one after another.
        String seed = topology.regions().get(0).cassandra().address();
        List<PlannedComponent> components = new ArrayList<>();
        for (Region region : topology.regions()) {
            String name = "cassandra-" + region.name();
            components.add(new PlannedComponent.Cassandra(name, region.name(), region.cassandra(), List.of(seed),
                    runDir.resolve("nodes").resolve(name)));
        }
        for (int i = 0; i < topology.regions().size(); i++) {
            Region region = topology.regions().get(i);
            String name = "kafka-" + region.name() + brokerSuffix;
            components.add(new PlannedComponent.Kafka(name, region.name(), region.kafka(), i + 1,
                    runDir.resolve("nodes").resolve(name)));
        }
        return new DataTierPlan(topology.clusterName(), runDir, components);
    }

    public List<PlannedComponent.Cassandra> cassandraNodes() {
        return components.stream().filter(PlannedComponent.Cassandra.class::isInstance)
                .map(PlannedComponent.Cassandra.class::cast).toList();
    }

    public List<PlannedComponent.Kafka> kafkaBrokers() {
        return components.stream().filter(PlannedComponent.Kafka.class::isInstance)
                .map(PlannedComponent.Kafka.class::cast).toList();
    }
}
