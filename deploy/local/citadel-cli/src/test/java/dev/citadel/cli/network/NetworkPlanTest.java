package dev.citadel.cli.network;

import static org.assertj.core.api.Assertions.assertThat;

import dev.citadel.cli.topology.TopologyLoader;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class NetworkPlanTest {

    static final NetworkPlan PLAN = NetworkPlan.of(TopologyLoader.parse("t.yaml", """
            regions:
              - name: region1
                cassandra: {address: 127.0.1.10}
                kafka: {address: 127.0.1.20}
              - name: region2
                cassandra: {address: 127.0.2.10, jmxPort: 7200}
                kafka: {address: 127.0.2.20}
            edge: {port: 8444, managementPort: 9444}
            """));

    static Zone zone(String name) {
        return PLAN.zones().stream().filter(z -> z.name().equals(name)).findFirst().orElseThrow();
    }

    static Destination socket(String label) {
        return PLAN.destinations().stream().filter(d -> d.label().equals(label)).findFirst().orElseThrow();
    }

    private static boolean allowed(String from, String label) {
        return PLAN.designed(zone(from), socket(label));
    }

    @Test
    void hasEveryZoneOfTheDesignEachOnItsOwnSubnetOf198_18() {
        assertThat(PLAN.zones()).extracting(Zone::name).containsExactly("internet", "edge", "mgmt",
                "region1-app", "region1-data", "region1-egress", "region2-app", "region2-data", "region2-egress");
        assertThat(PLAN.zones()).extracting(Zone::cidr).doesNotHaveDuplicates()
                .allSatisfy(c -> assertThat(c).matches("198\\.18\\.\\d+\\.0/24"));
        assertThat(PLAN.namespaces("citadel")).startsWith("citadel-router").contains("citadel-region2-egress")
                .hasSize(10);
    }

    @Test
    void takesPortsFromTheTopology() {
        assertThat(socket("edge public").socket()).isEqualTo("198.18.2.10:8444");
        assertThat(socket("edge admin").socket()).isEqualTo("198.18.2.10:9444");
        assertThat(socket("cassandra-region2 jmx").socket()).isEqualTo("198.18.21.10:7200");
        assertThat(socket("kafka-region1 client").socket()).isEqualTo("198.18.11.20:9093");
        assertThat(socket("egress-firewall-region1 proxy").socket()).isEqualTo("198.18.12.40:3128");
    }

    @Test
    void letsOnlyTheDesignedFlowsThrough() {
        assertThat(allowed("internet", "edge public")).isTrue();
        assertThat(allowed("edge", "catalog-api-region1 public")).isTrue();
        assertThat(allowed("edge", "health-service-region2 public")).isTrue();
        assertThat(allowed("edge", "web-ui-region1 public")).isTrue();
        assertThat(allowed("region1-app", "cassandra-region1 cql")).isTrue();
        assertThat(allowed("region1-app", "kafka-region1 client")).isTrue();
        assertThat(allowed("region1-app", "egress-firewall-region1 proxy")).isTrue();
        assertThat(allowed("region1-app", "egress-firewall-region1 management")).isTrue();
        assertThat(allowed("region1-egress", "web server https")).isTrue();
        assertThat(allowed("region1-egress", "web server http")).isTrue();
        assertThat(allowed("region1-data", "cassandra-region2 storage")).isTrue();
        assertThat(allowed("region2-data", "cassandra-region1 storage")).isTrue();
        assertThat(allowed("mgmt", "edge admin")).isTrue();
        assertThat(allowed("mgmt", "background-processor-region2 management")).isTrue();
        assertThat(allowed("mgmt", "cassandra-region1 jmx")).isTrue();
        assertThat(allowed("mgmt", "kafka-region2 client")).isTrue();

        assertThat(allowed("internet", "catalog-api-region1 public")).as("internet -> app").isFalse();
        assertThat(allowed("internet", "edge admin")).as("internet -> edge admin").isFalse();
        assertThat(allowed("region1-app", "web server https")).as("app -> internet").isFalse();
        assertThat(allowed("region1-app", "cassandra-region2 cql")).as("app -> other region's data").isFalse();
        assertThat(allowed("region1-app", "egress-firewall-region2 proxy")).as("app -> other stamp's egress").isFalse();
        assertThat(allowed("region1-app", "operator workstation")).as("app -> mgmt").isFalse();
        assertThat(allowed("edge", "cassandra-region1 cql")).as("edge -> data").isFalse();
        assertThat(allowed("edge", "catalog-api-region1 management")).as("edge -> management port").isFalse();
        assertThat(allowed("region1-data", "web server https")).as("data -> internet").isFalse();
        assertThat(allowed("region1-data", "kafka-region2 client")).as("data -> other broker").isFalse();
        assertThat(allowed("region1-egress", "cassandra-region1 cql")).as("egress -> data").isFalse();
        assertThat(allowed("mgmt", "cassandra-region1 storage")).as("mgmt -> storage").isFalse();
        assertThat(allowed("mgmt", "web server https")).as("mgmt -> internet").isFalse();
        assertThat(allowed("internet", "operator workstation")).as("internet -> mgmt").isFalse();
    }

    @Test
    void everyFlowStartsAndEndsInTheZonesItNames() {
        assertThat(PLAN.flows()).allSatisfy(f -> {
            assertThat(f.from()).isNotEqualTo(f.to());
            if (f.address() != null) {
                assertThat(f.address()).startsWith(f.to().address(0).replaceAll("0$", ""));
            }
        });
        // Any-port flows exist only from an egress zone to the internet.
        Predicate<Flow> anyPort = f -> f.port() == 0;
        assertThat(PLAN.flows().stream().filter(anyPort).toList()).extracting(f -> f.from().name() + ">" + f.to().name())
                .containsExactly("region1-egress>internet", "region2-egress>internet");
    }

    @Test
    void givesEachZoneTheAddressesOfItsSockets() {
        assertThat(PLAN.addresses(zone("region1-app"))).containsExactly("198.18.10.31", "198.18.10.32",
                "198.18.10.33", "198.18.10.34");
        assertThat(PLAN.addresses(zone("region2-data"))).containsExactly("198.18.21.10", "198.18.21.20");
        assertThat(PLAN.addresses(zone("internet"))).containsExactly("198.18.1.10", "198.18.1.80");
        assertThat(PLAN.zones()).allSatisfy(z -> assertThat(PLAN.addresses(z)).doesNotContain(z.gateway()));
    }

    @Test
    void aZoneAlwaysReachesItself() {
        List<Destination> own = PLAN.destinations().stream().filter(d -> d.zone().equals(zone("region1-data"))).toList();
        assertThat(own).isNotEmpty().allSatisfy(d -> assertThat(PLAN.designed(zone("region1-data"), d)).isTrue());
    }
}
