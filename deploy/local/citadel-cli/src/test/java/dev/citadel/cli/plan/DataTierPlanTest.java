package dev.citadel.cli.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.citadel.cli.topology.Topology;
import dev.citadel.cli.topology.TopologyLoader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DataTierPlanTest {

    private final Topology topology = TopologyLoader.parse("t.yaml", """
            clusterName: test
            regions:
              - name: east
                cassandra: {address: 127.0.201.10, jmxPort: 17199}
                kafka: {address: 127.0.201.20}
              - name: west
                cassandra: {address: 127.0.202.10, jmxPort: 17200}
                kafka: {address: 127.0.202.20, port: 19093}
            """);
    private final DataTierPlan plan = DataTierPlan.of(topology, Path.of("/run"));

    @Test
    void startsEveryCassandraNodeBeforeAnyKafkaBrokerWithTheSeedFirst() {
        assertThat(plan.components()).extracting(PlannedComponent::name)
                .containsExactly("cassandra-east", "cassandra-west", "kafka-east", "kafka-west");
    }

    @Test
    void givesEveryCassandraNodeTheFirstRegionsNodeAsSeed() {
        assertThat(plan.cassandraNodes()).allSatisfy(n -> assertThat(n.seeds()).containsExactly("127.0.201.10"));
    }

    @Test
    void givesEachBrokerADistinctNodeIdAndEachComponentItsOwnDirectory() {
        assertThat(plan.kafkaBrokers()).extracting(PlannedComponent.Kafka::nodeId).containsExactly(1, 2);
        assertThat(plan.components()).extracting(PlannedComponent::dir).doesNotHaveDuplicates()
                .allSatisfy(dir -> assertThat(dir.startsWith(Path.of("/run/nodes"))).isTrue());
    }

    @Test
    void listsEveryListenerOfAComponentForThePortCheck() {
        assertThat(plan.cassandraNodes().get(1).endpoints()).containsExactly(
                new Endpoint("127.0.202.10", 9042, "CQL"), new Endpoint("127.0.202.10", 7000, "storage"),
                new Endpoint("127.0.0.1", 17200, "JMX"));
        assertThat(plan.kafkaBrokers().get(1).displayAddress()).isEqualTo("127.0.202.20:19093");
    }

    @Test
    void keepsTheRegionOfEachComponent() {
        assertThat(plan.components()).extracting(PlannedComponent::region).containsExactly("east", "west", "east", "west");
    }
}
