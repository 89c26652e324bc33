package dev.citadel.cli.services;

import static org.assertj.core.api.Assertions.assertThat;

import dev.citadel.cli.topology.TopologyLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

class EgressFirewallConfigTest {

    private static final RunLayout LAYOUT = new RunLayout(Path.of("/r"));
    private static final String TOPOLOGY = """
            regions:
              - name: region1
                cassandra: {address: 127.0.1.10}
                kafka: {address: 127.0.1.20}
                stamp:
                  egressFirewall:
                    allow:
                      - {source: catalog-api, host: images.example.org, port: 443}
                      - {source: catalog-api, host: images.citadel.test, port: 18080, allowSpecialAddresses: true}
                    hosts:
                      - {name: images.citadel.test, address: 127.0.0.1}
                      - {name: images.citadel.test, address: "::1"}
              - name: region2
                cassandra: {address: 127.0.2.10}
                kafka: {address: 127.0.2.20}
            """;

    private static JsonNode render(String region) {
        return YAMLMapper.builder().build().readTree(
                EgressFirewallConfig.render(TopologyLoader.parse("t.yaml", TOPOLOGY), LAYOUT, region));
    }

    @Test
    void listensOnTheStampsOwnAddressAndLetsOnlyTheOperatorAndItsOwnScraperReadMetrics() {
        JsonNode config = render("region1");

        assertThat(config.path("stamp").asString()).isEqualTo("region1");
        assertThat(config.path("listener").path("address").asString()).isEqualTo("127.0.1.40");
        assertThat(config.path("listener").path("port").asInt()).isEqualTo(3128);
        JsonNode management = config.path("management");
        assertThat(management.path("port").asInt()).isEqualTo(9443);
        assertThat(management.path("clientCa").asString())
                .isEqualTo("/r/stamps/region1/egress-firewall/tls/operator-ca.crt");
        List<String> clients = new ArrayList<>();
        management.path("allowedClients").forEach(c -> clients.add(c.asString()));
        assertThat(clients).containsExactly("operator", "scraper.region1");
        assertThat(config.path("decisionLog").path("file").asString())
                .isEqualTo("/r/logs/egress-firewall-region1-decisions.log");
    }

    @Test
    void givesEachSourceItsPasswordFileAndOnlyItsOwnRules() {
        JsonNode source = render("region1").path("sources").get(0);

        assertThat(source.path("name").asString()).isEqualTo("catalog-api");
        assertThat(source.path("passwordFile").asString())
                .isEqualTo("/r/stamps/region1/egress-firewall/secrets/catalog-api-egress-password");
        assertThat(source.path("allow")).hasSize(2);
        assertThat(source.path("allow").get(0).path("host").asString()).isEqualTo("images.example.org");
        assertThat(source.path("allow").get(0).has("allowSpecialAddresses")).isFalse();
        assertThat(source.path("allow").get(1).path("allowSpecialAddresses").asBoolean()).isTrue();
        assertThat(render("region1").path("resolver").path("hosts").path("images.citadel.test")).hasSize(2);
    }

    @Test
    void aStampWithoutRulesLetsNothingOut() {
        JsonNode config = render("region2");

        assertThat(config.path("sources").get(0).path("allow")).isEmpty();
        assertThat(config.has("resolver")).isFalse();
    }

    @Test
    void inAClusterTheSameRulesUseMountedFilesAndTheClustersDnsAndTheFirewallAcceptsThem() {
        String yaml = EgressFirewallConfig.renderForCluster(TopologyLoader.parse("t.yaml", TOPOLOGY), "region1",
                "/run/secrets/citadel", "/run/tls", "/run/trust");
        JsonNode config = YAMLMapper.builder().build().readTree(yaml);

        assertThat(config.path("listener").path("address").asString()).isEqualTo("0.0.0.0");
        assertThat(config.path("management").path("certificate").asString()).isEqualTo("/run/tls/tls.crt");
        assertThat(config.path("management").path("clientCa").asString()).isEqualTo("/run/trust/operator-ca.crt");
        JsonNode source = config.path("sources").get(0);
        assertThat(source.path("passwordFile").asString()).isEqualTo("/run/secrets/citadel/catalog-api-egress-password");
        assertThat(source.path("allow")).hasSize(2);
        assertThat(config.has("resolver")).as("one machine's static addresses mean nothing in a cluster").isFalse();
        var props = dev.citadel.egress.config.EgressConfigLoader.parse(yaml);
        assertThat(props.sources().get(0).allow()).extracting(r -> r.host() + ":" + r.port())
                .containsExactly("images.example.org:443", "images.citadel.test:18080");
    }
}
