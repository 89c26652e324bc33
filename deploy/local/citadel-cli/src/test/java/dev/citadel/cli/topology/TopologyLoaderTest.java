package dev.citadel.cli.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class TopologyLoaderTest {

    private static final String MINIMAL = """
            regions:
              - name: region1
                cassandra: {address: 127.0.1.10}
                kafka: {address: 127.0.1.20}
              - name: region2
                cassandra: {address: 127.0.2.10}
                kafka: {address: 127.0.2.20}
            """;

    @Test
    void loadsTheDefaultTopologyWithTwoRegions() {
        Topology topology = TopologyLoader.load(Path.of("../topology.yaml"));

        assertThat(topology.clusterName()).isEqualTo("citadel");
        assertThat(topology.regions()).extracting(Topology.Region::name).containsExactly("region1", "region2");
        assertThat(topology.regions()).extracting(r -> r.cassandra().dataCenter()).containsExactly("dc1", "dc2");
        assertThat(topology.regions().get(1).kafka().address()).isEqualTo("127.0.2.20");
    }

    @Test
    void appliesDefaultsForOmittedKeys() {
        Topology topology = TopologyLoader.parse("t.yaml", MINIMAL);

        Topology.CassandraNode second = topology.regions().get(1).cassandra();
        assertThat(second).isEqualTo(new Topology.CassandraNode("dc2", "rack1", "127.0.2.10", 9042, 7000, 7200, 1024));
        assertThat(topology.regions().get(0).kafka()).isEqualTo(new Topology.KafkaBroker("127.0.1.20", 9093, 9094, 512));
    }

    @Test
    void namesTheKeyOfAPortOutOfRange() {
        String yaml = MINIMAL.replace("kafka: {address: 127.0.2.20}", "kafka: {address: 127.0.2.20, port: 70000}");

        assertThatThrownBy(() -> TopologyLoader.parse("t.yaml", yaml))
                .isInstanceOf(TopologyException.class)
                .hasMessage("t.yaml: regions[1].kafka.port: must be an integer from 1 to 65535, got 70000");
    }

    @Test
    void rejectsAnUnknownKeySoThatATypoIsNotSilentlyIgnored() {
        String yaml = MINIMAL.replace("cassandra: {address: 127.0.1.10}", "cassandra: {address: 127.0.1.10, heap: 5}");

        assertThatThrownBy(() -> TopologyLoader.parse("t.yaml", yaml))
                .hasMessageStartingWith("t.yaml: regions[0].cassandra.heap: unknown key (allowed: address, dataCenter,");
    }

    @Test
    void rejectsANonLoopbackAddressNamingTheKey() {
        String yaml = MINIMAL.replace("127.0.1.20", "10.0.0.1");

        assertThatThrownBy(() -> TopologyLoader.parse("t.yaml", yaml))
                .hasMessage("t.yaml: regions[0].kafka.address: must be a loopback IPv4 address (127.x.y.z), got \"10.0.0.1\"");
    }

    @Test
    void requiresTheAddress() {
        String yaml = MINIMAL.replace("cassandra: {address: 127.0.2.10}", "cassandra: {rack: r2}");

        assertThatThrownBy(() -> TopologyLoader.parse("t.yaml", yaml))
                .hasMessage("t.yaml: regions[1].cassandra.address: is required");
    }

    @Test
    void rejectsTwoListenersOnTheSameAddressAndPort() {
        String yaml = MINIMAL.replace("127.0.2.20", "127.0.1.20");

        assertThatThrownBy(() -> TopologyLoader.parse("t.yaml", yaml))
                .hasMessage("t.yaml: regions[1].kafka.port: endpoint 127.0.1.20:9093 is already used by regions[0].kafka.port");
    }

    @Test
    void rejectsTheSameJmxPortOnTwoNodesBecauseJmxAlwaysBindsLocalhost() {
        String yaml = MINIMAL.replace("{address: 127.0.1.10}", "{address: 127.0.1.10, jmxPort: 7200}");

        assertThatThrownBy(() -> TopologyLoader.parse("t.yaml", yaml))
                .hasMessageContaining("regions[1].cassandra.jmxPort: endpoint 127.0.0.1:7200 is already used");
    }

    @Test
    void rejectsDuplicateRegionNames() {
        String yaml = MINIMAL.replace("name: region2", "name: region1");

        assertThatThrownBy(() -> TopologyLoader.parse("t.yaml", yaml))
                .hasMessage("t.yaml: regions[1].name: region name region1 is already used by regions[0].name");
    }

    @Test
    void requiresAtLeastOneRegion() {
        assertThatThrownBy(() -> TopologyLoader.parse("t.yaml", "regions: []"))
                .hasMessage("t.yaml: regions: must be a non-empty list");
    }

    @Test
    void reportsInvalidYamlWithTheFileName() {
        assertThatThrownBy(() -> TopologyLoader.parse("t.yaml", "regions: [\n  - {name: ]"))
                .hasMessageStartingWith("t.yaml: not valid YAML");
    }

    @Test
    void reportsAMissingFile() {
        assertThatThrownBy(() -> TopologyLoader.load(Path.of("no-such-topology.yaml")))
                .hasMessage("no-such-topology.yaml: topology file not found");
    }
}
