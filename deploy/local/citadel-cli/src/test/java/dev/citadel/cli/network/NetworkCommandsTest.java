package dev.citadel.cli.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NetworkCommandsTest {

    private final List<NetworkCommands.Command> commands = NetworkCommands.create(NetworkPlanTest.PLAN, "cx");
    private final List<String> lines = commands.stream().map(c -> String.join(" ", c.argv())).toList();

    @Test
    void loadsTheRulesBeforeTheRouterForwards() {
        assertThat(lines.subList(0, 4)).containsExactly("ip netns add cx-router", "ip -n cx-router link set lo up",
                "ip netns exec cx-router nft -f -",
                "ip netns exec cx-router sh -c echo 1 > /proc/sys/net/ipv4/ip_forward && echo 0 > "
                        + "/proc/sys/net/ipv4/icmp_ratelimit");
        assertThat(commands.get(2).stdin()).isEqualTo(NftRuleset.render(NetworkPlanTest.PLAN));
    }

    @Test
    void createsEveryVethWithBothEndsInsideNamespaces() {
        // Nothing is ever made in the root namespace, so deleting the namespaces removes everything.
        List<String> veths = lines.stream().filter(l -> l.startsWith("ip link add")).toList();
        assertThat(veths).hasSize(NetworkPlanTest.PLAN.zones().size()).contains(
                "ip link add z0 netns cx-router type veth peer name eth0 netns cx-internet",
                "ip link add z8 netns cx-router type veth peer name eth0 netns cx-region2-egress");
        assertThat(lines).filteredOn(l -> !l.startsWith("ip netns ") && !l.startsWith("ip link add"))
                .allSatisfy(l -> assertThat(l).startsWith("ip -n cx-"));
    }

    @Test
    void givesEachZoneItsAddressesAndADefaultRouteViaTheRouter() {
        assertThat(lines).containsSubsequence("ip netns add cx-region1-app",
                "ip -n cx-router addr add 198.18.10.1/24 dev z3",
                "ip -n cx-region1-app addr add 198.18.10.31/24 dev eth0",
                "ip -n cx-region1-app addr add 198.18.10.34/24 dev eth0",
                "ip -n cx-region1-app link set eth0 up",
                "ip -n cx-region1-app route add default via 198.18.10.1");
    }
}
