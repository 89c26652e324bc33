package dev.citadel.edge.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EdgeConfigLoaderTest {
    private static final String TLS = "tls: {certificate: /c, privateKey: /k, clientCertificate: /cc,"
            + " clientPrivateKey: /ck, originCa: /oca, operatorCa: /pca}\n";
    private static final String GROUPS = "originGroups:\n  - name: apis\n    origins:\n"
            + "      - {name: a, host: 10.0.0.1, port: 8443, tlsServerName: a.stamp}\n"
            + "      - {name: b, host: 10.0.0.2, weight: 90, priority: 2, enabled: false}\n"
            + "routes:\n  - {pattern: /api/*, originGroup: apis}\n";

    @Test
    void parsesAMinimalFileAndFillsEveryDefault() {
        EdgeProperties p = EdgeConfigLoader.parse("edgeId: e1\n" + TLS + GROUPS);
        assertThat(p.edgeId()).isEqualTo("e1");
        assertThat(p.listeners().https().port()).isEqualTo(8443);
        assertThat(p.listeners().management().host()).isEqualTo("127.0.0.1");
        assertThat(p.probes()).isEqualTo(new EdgeProperties.Probes("/health/stamp", 1000, 800, 3, 2));
        assertThat(p.limits().maxBodyBytes()).isEqualTo(1024 * 1024);
        EdgeProperties.Origin b = p.originGroups().get(0).origins().get(1);
        assertThat(b.tlsServerName()).isEqualTo("10.0.0.2");
        assertThat(b.port()).isEqualTo(443);
        assertThat(b.enabled()).isFalse();
        assertThat(p.originGroups().get(0).origins().get(0).weight()).isEqualTo(50);
        assertThat(b.probe()).isEqualTo(new EdgeProperties.ProbeTarget("10.0.0.2", 443, "10.0.0.2", "/health/stamp"));
        assertThat(p.status()).isEqualTo(new EdgeProperties.StatusProjection(false, "/edge/status"));
    }

    @Test
    void anOriginCanBeProbedAtItsStampsHealthServiceWhoseCertificateNameIsThenChecked() {
        EdgeProperties p = EdgeConfigLoader.parse("edgeId: e1\n" + TLS + GROUPS.replace("tlsServerName: a.stamp}",
                "tlsServerName: a.stamp, probe: {host: 10.0.0.9, port: 9443}}") + "probes: {path: /ready}\n");
        EdgeProperties.Origin a = p.originGroups().get(0).origins().get(0);
        assertThat(a.probe()).isEqualTo(new EdgeProperties.ProbeTarget("10.0.0.9", 9443, "10.0.0.9", "/ready"));
        assertThat(a.probeOrigin().host()).isEqualTo("10.0.0.9");
        assertThat(a.probeOrigin().name()).isEqualTo("a");
        assertThatThrownBy(() -> EdgeConfigLoader.parse("edgeId: e1\n" + TLS + GROUPS.replace("tlsServerName: a.stamp}",
                "tlsServerName: a.stamp, probe: {path: health}}")))
                .hasMessageContaining("originGroups[0].origins[0].probe.path: must start with '/'");
    }

    @Test
    void namesTheKeyOfAnOutOfRangeValue() {
        assertThatThrownBy(() -> EdgeConfigLoader.parse("edgeId: e1\n" + TLS + GROUPS.replace("port: 8443", "port: 0")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("originGroups[0].origins[0].port").hasMessageContaining("was 0");
    }

    @Test
    void refusesUnknownKeysSoTyposDoNotFallBackToDefaults() {
        assertThatThrownBy(() -> EdgeConfigLoader.parse("edgeId: e1\n" + TLS + GROUPS + "probes: {intervalMS: 5}\n"))
                .hasMessageContaining("probes.intervalMS").hasMessageContaining("unknown key");
    }

    @Test
    void refusesARouteToAnUnknownGroup() {
        assertThatThrownBy(() -> EdgeConfigLoader.parse("edgeId: e1\n" + TLS + GROUPS
                .replace("originGroup: apis", "originGroup: nope")))
                .hasMessageContaining("routes[0].originGroup").hasMessageContaining("nope");
    }

    @Test
    void refusesMoreRequiredProbeSuccessesThanSamples() {
        assertThatThrownBy(() -> EdgeConfigLoader.parse("edgeId: e1\n" + TLS + GROUPS
                + "probes: {sampleSize: 2, requiredSuccesses: 3}\n")).hasMessageContaining("probes.requiredSuccesses");
    }

    @Test
    void refusesBadRoutePatternsMissingRequiredKeysAndBadSecuritySections() {
        assertThatThrownBy(() -> EdgeConfigLoader.parse("edgeId: e1\n" + TLS + GROUPS.replace("/api/*", "api*")))
                .hasMessageContaining("routes[0].pattern");
        assertThatThrownBy(() -> EdgeConfigLoader.parse(TLS + GROUPS)).hasMessageContaining("edgeId: is required");
        assertThatThrownBy(() -> EdgeConfigLoader.parse("edgeId: e1\n" + TLS + GROUPS + "waf: {mode: loud}\n"))
                .hasMessageStartingWith("waf:");
        assertThatThrownBy(() -> EdgeConfigLoader.parse("edgeId: e1\n" + TLS + GROUPS + "rateLimit: {capacity: 0}\n"))
                .hasMessageStartingWith("rateLimit:");
        assertThatThrownBy(() -> EdgeConfigLoader.parse("edgeId: e1\n" + TLS
                + GROUPS.replace("name: b,", "name: a,"))).hasMessageContaining("duplicate origin 'a'");
    }
}
