package dev.citadel.cli.engines;

import static org.assertj.core.api.Assertions.assertThat;

import dev.citadel.cli.plan.DataTierPlan;
import dev.citadel.cli.topology.TopologyLoader;
import dev.citadel.platform.engines.CassandraNodeSpec;
import dev.citadel.platform.engines.DataTierSpec;
import dev.citadel.platform.engines.KafkaBrokerSpec;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class EngineSpecsTest {

    private final DataTierSpec spec = EngineSpecs.of(DataTierPlan.of(
            TopologyLoader.load(Path.of("../topology.yaml")), Path.of("/run")));

    @Test
    void mapsEveryCassandraNodeWithTheFirstAsTheOnlySeed() {
        assertThat(spec.cassandraNodes()).containsExactly(
                new CassandraNodeSpec("cassandra-region1", "dc1", "rack1", "127.0.1.10", List.of("127.0.1.10"), 9042,
                        7000, 7199, 1024, Path.of("/run/nodes/cassandra-region1")),
                new CassandraNodeSpec("cassandra-region2", "dc2", "rack1", "127.0.2.10", List.of("127.0.1.10"), 9042,
                        7000, 7200, 1024, Path.of("/run/nodes/cassandra-region2")));
        assertThat(spec.cassandraNodes()).filteredOn(CassandraNodeSpec::isSeed).hasSize(1);
    }

    @Test
    void mapsOneBrokerPerRegionWithItsOwnNodeIdAndDirectory() {
        assertThat(spec.kafkaBrokers()).containsExactly(
                new KafkaBrokerSpec("kafka-region1", "127.0.1.20", 9093, 9094, 1, 512, Path.of("/run/nodes/kafka-region1")),
                new KafkaBrokerSpec("kafka-region2", "127.0.2.20", 9093, 9094, 2, 512, Path.of("/run/nodes/kafka-region2")));
    }

    @Test
    void keepsTheClusterNameAndRunDirectory() {
        assertThat(spec.clusterName()).isEqualTo("citadel");
        assertThat(spec.runDir()).isEqualTo(Path.of("/run"));
        assertThat(spec.logFile("kafka-region1")).isEqualTo(Path.of("/run/logs/kafka-region1.log"));
    }

    @Test
    void anIsolatedRunsEnginesGetTheirZonesAddressesNamespacesAndJmxOnTheirOwnAddress() {
        var file = TopologyLoader.load(Path.of("../topology.yaml"));
        var isolation = new dev.citadel.cli.network.Isolation("z", dev.citadel.cli.network.NetworkPlan.of(file));
        var placed = isolation.plan().place(file);
        DataTierSpec isolated = EngineSpecs.of(DataTierPlan.of(placed, Path.of("/run"))
                .inNamespaces(isolation.engineNamespaces(placed)), true);

        CassandraNodeSpec region2 = isolated.cassandraNode("cassandra-region2").orElseThrow();
        assertThat(region2.listenAddress()).isEqualTo("198.18.21.10");
        assertThat(region2.seedAddresses()).containsExactly("198.18.11.10");
        assertThat(isolated.kafkaBroker("kafka-region1").orElseThrow().host()).isEqualTo("198.18.11.20");
        assertThat(isolated.jmxHost(region2)).isEqualTo("198.18.21.10");
        assertThat(isolated.launchPrefix("kafka-region2").args()).endsWith("netns", "exec", "z-region2-data");
        assertThat(isolated.identity("kafka-region2")).isPresent();
    }
}
