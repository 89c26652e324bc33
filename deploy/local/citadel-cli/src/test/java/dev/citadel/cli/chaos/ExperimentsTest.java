package dev.citadel.cli.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.citadel.cli.topology.Topology;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExperimentsTest {

    private static final Topology TOPOLOGY = new Topology("citadel", List.of(
            new Topology.Region("region1", new Topology.CassandraNode("dc1", "rack1", "127.0.1.10", 9042, 7000, 7199, 1024),
                    new Topology.KafkaBroker("127.0.1.20", 9093, 9094, 512)),
            new Topology.Region("region2", new Topology.CassandraNode("dc2", "rack1", "127.0.2.10", 9042, 7000, 7200, 1024),
                    new Topology.KafkaBroker("127.0.2.20", 9093, 9094, 512))));

    @Test
    void everyKindOfPartIsKilledAndPausedAndTheStampDataCentresAndCpuHaveTheirOwn() {
        Experiments experiments = Experiments.of(TOPOLOGY, "region1", Duration.ofSeconds(15));

        assertThat(experiments.names()).containsExactly(
                "kill-catalog-api", "pause-catalog-api", "kill-background-processor", "pause-background-processor",
                "kill-health-service", "pause-health-service", "kill-web-ui", "pause-web-ui",
                "kill-egress-firewall", "pause-egress-firewall", "kill-kafka", "pause-kafka",
                "kill-cassandra", "pause-cassandra", "kill-edge", "pause-edge", "kill-stamp", "starve-stamp",
                "partition-dcs");
        assertThat(experiments.named("kill-cassandra").orElseThrow().description()).isEqualTo("SIGKILL to cassandra-region1");
        assertThat(experiments.named("kill-stamp").orElseThrow().description()).contains("catalog-api-region1",
                "kafka-region1").doesNotContain("cassandra");
        assertThat(experiments.named("partition-dcs").orElseThrow().description())
                .contains("dc1 (127.0.1.10)", "dc2 (127.0.2.10)", "15 s");
    }

    @Test
    void afterAReleaseToUnitBTheFaultsHitUnitBsServicesAndBrokerAndTheSharedDataCentre() {
        Experiments experiments = Experiments.of(TOPOLOGY, "region1", Duration.ofSeconds(15),
                dev.citadel.cli.release.ReleaseUnit.B);

        assertThat(experiments.named("kill-catalog-api").orElseThrow().description())
                .isEqualTo("SIGKILL to catalog-api-region1-b");
        assertThat(experiments.named("pause-kafka").orElseThrow().description())
                .isEqualTo("SIGSTOP to kafka-region1-b for 15 s");
        assertThat(experiments.named("kill-cassandra").orElseThrow().description()).isEqualTo("SIGKILL to cassandra-region1");
        assertThat(experiments.named("kill-edge").orElseThrow().description()).isEqualTo("SIGKILL to edge");
        assertThat(experiments.named("kill-stamp").orElseThrow().description()).contains("web-ui-region1-b",
                "egress-firewall-region1-b", "kafka-region1-b").doesNotContain("kafka-region1,", "web-ui-region1,");
    }

    @Test
    void theTargetRegionDecidesWhichPartsFail() {
        assertThat(Experiments.of(TOPOLOGY, "region2", Duration.ofSeconds(5)).named("pause-kafka").orElseThrow()
                .description()).isEqualTo("SIGSTOP to kafka-region2 for 5 s");
        assertThatThrownBy(() -> Experiments.of(TOPOLOGY, "region9", Duration.ofSeconds(5)))
                .hasMessageContaining("no region 'region9'");
    }

    @Test
    void thePartitionDropsBothDirectionsBetweenTheTwoNodesOnly() {
        assertThat(PartitionFault.ruleset("127.0.1.10", "127.0.2.10")).isEqualTo("""
                table ip citadel_chaos {
                  chain output {
                    type filter hook output priority 0; policy accept;
                    ip saddr 127.0.1.10 ip daddr 127.0.2.10 drop
                    ip saddr 127.0.2.10 ip daddr 127.0.1.10 drop
                  }
                }
                """);
    }
}
