package dev.citadel.edge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.citadel.edge.config.EdgeConfigLoader;
import dev.citadel.edge.config.EdgeProperties;
import dev.citadel.edge.origin.OriginRegistry;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EdgeServerTest {

    @Test
    void theStartUpLineNamesPortsAndEnginesButNoEdgeId() {
        EdgeProperties props = EdgeConfigLoader.parse("edgeId: global-secret-id\n"
                + "tls: {certificate: /c, privateKey: /k, clientCertificate: /cc, clientPrivateKey: /ck,"
                + " originCa: /oca, operatorCa: /pca}\n"
                + "originGroups:\n  - name: apis\n    origins:\n"
                + "      - {name: a, host: 10.0.0.1, edgeId: stamp-a-secret-id}\n"
                + "routes:\n  - {pattern: /*, originGroup: apis}\n");
        String line = EdgeServer.startupLine(8443, 8080, 9443, "epoll", "OPENSSL");
        assertThat(line).isEqualTo("edge listening: https 8443, http 8080, management 9443 (epoll transport,"
                + " OPENSSL TLS)");
        assertThat(line + props).doesNotContain("global-secret-id").doesNotContain("stamp-a-secret-id");
    }

    private static final String YAML = "edgeId: e1\n"
            + "tls: {certificate: /c, privateKey: /k, clientCertificate: /cc, clientPrivateKey: /ck,"
            + " originCa: /oca, operatorCa: /pca}\n"
            + "originGroups:\n  - name: apis\n    origins:\n      - {name: a, host: 10.0.0.1}\n"
            + "routes:\n  - {pattern: /*, originGroup: apis}\n";

    @Test
    void anEdgeThatCannotFindTheCoreRuleSetRefusesToStartNamingTheKey() {
        EdgeProperties props = EdgeConfigLoader.parse(YAML + "waf: {crs: {rulesDir: /nonexistent/crs-rules}}\n");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> EdgeSecurity.from(props,
                        new dev.citadel.edge.observe.EdgeMetrics()))
                .isInstanceOf(dev.citadel.edge.config.ConfigException.class)
                .hasMessageStartingWith("waf.crs.rulesDir: no such directory /nonexistent/crs-rules")
                .hasMessageContaining("modsecurity-crs");
    }

    @Test
    void thePublicListenerHasNoStatusViewUnlessConfigured() {
        EdgeProperties byDefault = EdgeConfigLoader.parse(YAML);
        assertThat(EdgeServer.publicRequestStages(byDefault, EdgeSecurity.none(), new OriginRegistry(byDefault)))
                .extracting(Map.Entry::getKey).doesNotContain(EdgeServer.STATUS);
        EdgeProperties enabled = EdgeConfigLoader.parse(YAML + "status: {enabled: true}\n");
        assertThat(EdgeServer.publicRequestStages(enabled, EdgeSecurity.none(), new OriginRegistry(enabled)))
                .extracting(Map.Entry::getKey).containsExactly(EdgeServer.STATUS);
    }
}
