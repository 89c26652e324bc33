package dev.citadel.cli.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.citadel.cli.topology.Topology.EgressRule;
import dev.citadel.cli.topology.Topology.StaticHost;
import org.junit.jupiter.api.Test;

class EgressTopologyTest {

    private static final String STAMP = """
            regions:
              - name: region1
                cassandra: {address: 127.0.21.10}
                kafka: {address: 127.0.21.20}
                stamp:
                  egressFirewall:
            %s
            """;

    private static Topology parse(String egressFirewall) {
        return TopologyLoader.parse("t.yaml", STAMP.formatted(egressFirewall.indent(8)));
    }

    @Test
    void letsNothingOutByDefault() {
        var firewall = TopologyLoader.parse("t.yaml", """
                regions:
                  - name: region1
                    cassandra: {address: 127.0.21.10}
                    kafka: {address: 127.0.21.20}
                """).stamp("region1").egressFirewall();

        assertThat(firewall.node().address()).isEqualTo("127.0.21.40");
        assertThat(firewall.node().port()).isEqualTo(3128);
        assertThat(firewall.allow()).isEmpty();
        assertThat(firewall.hosts()).isEmpty();
    }

    @Test
    void readsAllowRulesPerSourceAndStaticResolverAnswers() {
        var firewall = parse("""
                allow:
                  - {source: catalog-api, host: images.example.org, port: 443}
                  - {source: catalog-api, host: "*.cdn.example.org", port: 443}
                  - {source: catalog-api, host: images.citadel.test, port: 18080, allowSpecialAddresses: true}
                hosts:
                  - {name: images.citadel.test, address: 127.0.0.1}
                """).stamp("region1").egressFirewall();

        assertThat(firewall.allow()).containsExactly(new EgressRule("catalog-api", "images.example.org", 443, false),
                new EgressRule("catalog-api", "*.cdn.example.org", 443, false),
                new EgressRule("catalog-api", "images.citadel.test", 18080, true));
        assertThat(firewall.hosts()).containsExactly(new StaticHost("images.citadel.test", "127.0.0.1"));
    }

    @Test
    void refusesAnIpLiteralAsAnAllowedHostBecauseRulesNameDestinations() {
        assertThatThrownBy(() -> parse("allow: [{source: catalog-api, host: 127.0.0.1, port: 80}]"))
                .hasMessageContaining("regions[0].stamp.egressFirewall.allow[0].host");
        assertThatThrownBy(() -> parse("allow: [{source: catalog-api, host: \"2130706433\", port: 80}]"))
                .hasMessageContaining("allow[0].host");
    }

    @Test
    void refusesASourceThatDoesNotGoOutAndARuleWithoutPort() {
        assertThatThrownBy(() -> parse("allow: [{source: web-ui, host: a.example.org, port: 443}]"))
                .hasMessageContaining("allow[0].source");
        assertThatThrownBy(() -> parse("allow: [{source: catalog-api, host: a.example.org}]"))
                .hasMessageContaining("allow[0].port: is required");
    }

    @Test
    void refusesTheFirewallOnAnEndpointAnotherListenerUses() {
        assertThatThrownBy(() -> parse("{address: 127.0.21.31, port: 8443}"))
                .hasMessageContaining("egressFirewall.port").hasMessageContaining("already used");
    }
}
