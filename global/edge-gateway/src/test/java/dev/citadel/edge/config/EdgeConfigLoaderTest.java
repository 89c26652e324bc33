package dev.citadel.edge.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
        assertThat(p.edgeId()).isEqualTo(Secret.of("e1"));
        assertThat(p.originGroups().get(0).origins().get(0).edgeId()).isEqualTo(Secret.of("e1"));
        assertThat(p.admin().allowedClients()).containsExactly("operator");
        assertThat(p.securityHeaders().hsts()).isEqualTo("max-age=31536000; includeSubDomains");
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
        assertThatThrownBy(() -> EdgeConfigLoader.parse(TLS + GROUPS))
                .hasMessageContaining("originGroups[0].origins[0].edgeId: is required");
        assertThatThrownBy(() -> EdgeConfigLoader.parse("edgeId: e1\n" + TLS + GROUPS + "waf: {mode: loud}\n"))
                .hasMessageStartingWith("waf:");
        assertThatThrownBy(() -> EdgeConfigLoader.parse("edgeId: e1\n" + TLS + GROUPS + "rateLimit: {capacity: 0}\n"))
                .hasMessageStartingWith("rateLimit:");
        assertThatThrownBy(() -> EdgeConfigLoader.parse("edgeId: e1\n" + TLS
                + GROUPS.replace("name: b,", "name: a,"))).hasMessageContaining("duplicate origin 'a'");
    }

    @Test
    void eachOriginCarriesTheEdgeIdOfItsOwnStampInlineOrFromAnOwnerOnlyFile(@TempDir Path dir) throws Exception {
        Path idFile = dir.resolve("stamp-b.edge-id");
        Files.writeString(idFile, "id-of-stamp-b\n");
        Files.setPosixFilePermissions(idFile, PosixFilePermissions.fromString("rw-------"));
        EdgeProperties p = EdgeConfigLoader.parse(TLS + GROUPS
                .replace("tlsServerName: a.stamp}", "tlsServerName: a.stamp, edgeId: id-of-stamp-a}")
                .replace("enabled: false}", "enabled: false, edgeIdFile: " + idFile + "}"));
        assertThat(p.edgeId()).isNull();
        assertThat(p.originGroups().get(0).origins().get(0).edgeId().value()).isEqualTo("id-of-stamp-a");
        assertThat(p.originGroups().get(0).origins().get(1).edgeId().value()).isEqualTo("id-of-stamp-b");
        assertThat(p.originGroups().get(0).origins().get(1).probeOrigin().edgeId().value()).isEqualTo("id-of-stamp-b");
    }

    @Test
    void refusesAnEdgeIdFileOthersCanReadAndNeverQuotesItsContent(@TempDir Path dir) throws Exception {
        Path idFile = dir.resolve("stamp-a.edge-id");
        Files.writeString(idFile, "very-secret-id");
        Files.setPosixFilePermissions(idFile, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> EdgeConfigLoader.parse(TLS + GROUPS.replace("tlsServerName: a.stamp}",
                "tlsServerName: a.stamp, edgeIdFile: " + idFile + "}")))
                .hasMessageContaining("originGroups[0].origins[0].edgeIdFile").hasMessageContaining("0600")
                .hasMessageNotContaining("very-secret-id");
        assertThatThrownBy(() -> EdgeConfigLoader.parse(TLS + GROUPS.replace("tlsServerName: a.stamp}",
                "tlsServerName: a.stamp, edgeId: x, edgeIdFile: " + idFile + "}")))
                .hasMessageContaining("not both");
    }

    @Test
    void acceptsGroupReadOnlyForItsOwnGroupAsKubernetesMountsSecrets(@TempDir Path dir) throws Exception {
        // A file this process creates has its group; kubelet gives a Secret volume the pod's fsGroup the same way.
        Path idFile = dir.resolve("stamp-a.edge-id");
        Files.writeString(idFile, "id-of-stamp-a");
        Files.setPosixFilePermissions(idFile, PosixFilePermissions.fromString("r--r-----"));
        String config = "edgeId: fallback\n" + TLS
                + GROUPS.replace("tlsServerName: a.stamp}", "tlsServerName: a.stamp, edgeIdFile: " + idFile + "}");
        assertThat(EdgeConfigLoader.parse(config).originGroups().get(0).origins().get(0).edgeId().value())
                .isEqualTo("id-of-stamp-a");
        Files.setPosixFilePermissions(idFile, PosixFilePermissions.fromString("rw-rw----"));
        assertThatThrownBy(() -> EdgeConfigLoader.parse(config)).hasMessageContaining("GROUP_WRITE");
    }

    @Test
    void theConfigurationPrintsWithoutAnyEdgeId() {
        EdgeProperties p = EdgeConfigLoader.parse("edgeId: fallback-id-4711\n" + TLS + GROUPS
                .replace("tlsServerName: a.stamp}", "tlsServerName: a.stamp, edgeId: id-of-stamp-a-0815}"));
        assertThat(p.toString()).doesNotContain("fallback-id-4711").doesNotContain("id-of-stamp-a-0815")
                .contains("[hidden]");
    }

    @Test
    void bindsAdminClientsSecurityHeadersAndTheHealthProjectionOfHealthRoutes() {
        EdgeProperties p = EdgeConfigLoader.parse("edgeId: e1\n" + TLS + GROUPS
                + "  - {pattern: /health/*, originGroup: apis}\n"
                + "  - {pattern: /healthz, originGroup: apis}\n"
                + "  - {pattern: /ops/*, originGroup: apis, healthProjection: true}\n"
                + "admin: {allowedClients: [operator, oncall]}\nsecurityHeaders: {hstsMaxAgeSeconds: 600}\n");
        assertThat(p.admin().allowedClients()).containsExactly("operator", "oncall");
        assertThat(p.securityHeaders().hsts()).isEqualTo("max-age=600; includeSubDomains");
        assertThat(p.routes()).extracting(EdgeProperties.Route::healthProjection).containsExactly(false, true, false, true);
        assertThatThrownBy(() -> EdgeConfigLoader.parse("edgeId: e1\n" + TLS + GROUPS + "admin: {allowedClients: []}\n"))
                .hasMessageContaining("admin.allowedClients");
    }
}
