package dev.citadel.cli.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StampTopologyTest {

    private static final String REGIONS = """
            regions:
              - name: region1
                cassandra: {address: 127.0.21.10}
                kafka: {address: 127.0.21.20}
            %s
            """;

    @Test
    void placesEachStampServiceOnItsOwnAddressInTheRegionsNetworkByDefault() {
        Topology topology = TopologyLoader.parse("t.yaml", REGIONS.formatted(""));

        Topology.StampNodes stamp = topology.stamp("region1");
        assertThat(stamp.catalogApi()).isEqualTo(new Topology.ServiceNode("127.0.21.31", 8443, 9443, 384));
        assertThat(stamp.backgroundProcessor().address()).isEqualTo("127.0.21.32");
        assertThat(stamp.healthService().address()).isEqualTo("127.0.21.33");
        assertThat(stamp.webUi().address()).isEqualTo("127.0.21.34");
        assertThat(topology.edge()).isEqualTo(Topology.EdgeNode.DEFAULT);
    }

    @Test
    void takesServiceAndEdgeOverridesAndKeepsTheOtherDefaults() {
        Topology topology = TopologyLoader.parse("t.yaml", """
                regions:
                  - name: region1
                    cassandra: {address: 127.0.21.10}
                    kafka: {address: 127.0.21.20}
                    stamp:
                      catalogApi: {port: 8444, heapMb: 512}
                edge: {port: 18743, managementPort: 18744, rateLimitPerSecond: 5000}
                """);

        assertThat(topology.stamp("region1").catalogApi()).isEqualTo(new Topology.ServiceNode("127.0.21.31", 8444, 9443, 512));
        assertThat(topology.edge()).isEqualTo(new Topology.EdgeNode("127.0.0.1", 18743, 18744, 256, 5000));
    }

    @Test
    void rejectsAnUnknownServiceKeyNamingIt() {
        assertThatThrownBy(() -> TopologyLoader.parse("t.yaml", REGIONS.formatted("""
                    stamp:
                      catalogAPI: {port: 1}
                """)))
                .isInstanceOf(TopologyException.class)
                .hasMessageContaining("regions[0].stamp.catalogAPI: unknown key");
    }

    @Test
    void rejectsTwoServicesOnTheSameEndpoint() {
        assertThatThrownBy(() -> TopologyLoader.parse("t.yaml", REGIONS.formatted("""
                    stamp:
                      webUi: {address: 127.0.21.31}
                """)))
                .isInstanceOf(TopologyException.class)
                .hasMessageContaining("regions[0].stamp.webUi.port")
                .hasMessageContaining("regions[0].stamp.catalogApi.port");
    }
}
