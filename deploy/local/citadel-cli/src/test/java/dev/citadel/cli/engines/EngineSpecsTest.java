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
}
