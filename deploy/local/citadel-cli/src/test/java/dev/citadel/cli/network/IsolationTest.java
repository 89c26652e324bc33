package dev.citadel.cli.network;

import static org.assertj.core.api.Assertions.assertThat;

import dev.citadel.cli.services.RunLayout;
import dev.citadel.cli.services.ServiceKind;
import dev.citadel.cli.services.ServicePlan;
import dev.citadel.cli.services.ServiceSpec;
import dev.citadel.cli.topology.Topology;
import dev.citadel.cli.topology.TopologyLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class IsolationTest {

    private static final Topology FILE = TopologyLoader.parse("t.yaml", """
            regions:
              - name: region1
                cassandra: {address: 127.0.1.10}
                kafka: {address: 127.0.1.20}
                stamp:
                  egressFirewall:
                    allow:
                      - {source: catalog-api, host: web.citadel.test, port: 80, allowSpecialAddresses: true}
                    hosts:
                      - {name: web.citadel.test, address: 198.18.1.80}
              - name: region2
                cassandra: {address: 127.0.2.10, jmxPort: 7200}
                kafka: {address: 127.0.2.20}
            edge: {port: 8444, managementPort: 9444}
            """);
    private static final Isolation ISOLATION = new Isolation("citadel", NetworkPlan.of(FILE));
    private static final Topology PLACED = ISOLATION.plan().place(FILE);

    /** Every address a process of the placed topology binds. */
    private static List<String> listeners(Topology t) {
        List<String> result = new ArrayList<>();
        for (int i = 0; i < t.regions().size(); i++) {
            result.add(t.regions().get(i).cassandra().address());
            result.add(t.regions().get(i).kafka().address());
            Topology.StampNodes s = t.stamps().get(i);
            for (Topology.ServiceNode n : List.of(s.catalogApi(), s.backgroundProcessor(), s.healthService(), s.webUi(),
                    s.egressFirewall().node())) {
                result.add(n.address());
            }
        }
        result.add(t.edge().address());
        return result;
    }

    @Test
    void everyListenerBindsAnAddressTheNetworkPlanGivesItsZone() {
        List<String> planned = ISOLATION.plan().destinations().stream().map(Destination::address).toList();

        assertThat(listeners(PLACED)).allSatisfy(a -> assertThat(planned).contains(a));
        assertThat(PLACED.regions().get(0).cassandra().address()).isEqualTo("198.18.11.10");
        assertThat(PLACED.regions().get(1).kafka().address()).isEqualTo("198.18.21.20");
        assertThat(PLACED.stamps().get(0).catalogApi().address()).isEqualTo("198.18.10.31");
        assertThat(PLACED.stamps().get(1).egressFirewall().node().address()).isEqualTo("198.18.22.40");
        assertThat(PLACED.edge().address()).isEqualTo("198.18.2.10");
    }

    @Test
    void placingKeepsPortsHeapsAndEgressRules() {
        assertThat(PLACED.edge().port()).isEqualTo(8444);
        assertThat(PLACED.regions().get(1).cassandra().jmxPort()).isEqualTo(7200);
        assertThat(PLACED.stamps().get(0).egressFirewall().allow()).isEqualTo(FILE.stamps().get(0).egressFirewall().allow());
        assertThat(PLACED.stamps().get(0).egressFirewall().hosts()).isEqualTo(FILE.stamps().get(0).egressFirewall().hosts());
        assertThat(PLACED.stamps().get(0).catalogApi().heapMb()).isEqualTo(FILE.stamps().get(0).catalogApi().heapMb());
    }

    @Test
    void eachComponentRunsInTheZoneWhoseAddressItBinds() {
        assertThat(ISOLATION.namespace(ServiceKind.CATALOG_API, "region1")).isEqualTo("citadel-region1-app");
        assertThat(ISOLATION.namespace(ServiceKind.EGRESS_FIREWALL, "region2")).isEqualTo("citadel-region2-egress");
        assertThat(ISOLATION.namespace(ServiceKind.EDGE, null)).isEqualTo("citadel-edge");
        assertThat(ISOLATION.engineNamespaces(PLACED)).containsEntry("cassandra-region1", "citadel-region1-data")
                .containsEntry("kafka-region2", "citadel-region2-data").hasSize(4);
        assertThat(ISOLATION.management()).isEqualTo("citadel-mgmt");
        assertThat(ISOLATION.plan().namespaces("citadel")).containsAll(ISOLATION.engineNamespaces(PLACED).values())
                .contains(ISOLATION.management(), ISOLATION.namespace(ServiceKind.EDGE, null));
    }

    @Test
    void everyServiceIsLaunchedBehindItsZonesPrefixAndBindsThePlacedAddress() {
        RunLayout layout = new RunLayout(Path.of("/run"));
        ServicePlan plan = ServicePlan.of(PLACED, layout, Path.of("/home"), "/jdk/bin/java", p -> true,
                ISOLATION::launchPrefix);

        assertThat(plan.services()).isNotEmpty().allSatisfy(s -> {
            String zone = ISOLATION.namespace(s.kind(), s.kind() == ServiceKind.EDGE ? null : s.region());
            assertThat(s.argv().subList(1, 4)).as(s.name()).containsExactly("netns", "exec", zone);
            assertThat(s.argv().get(4)).as(s.name()).isEqualTo("/jdk/bin/java");
        });
        ServiceSpec api = plan.services().stream().filter(s -> s.name().equals("catalog-api-region1")).findFirst()
                .orElseThrow();
        assertThat(api.argv()).contains("--server.address=198.18.10.31");
    }
}
