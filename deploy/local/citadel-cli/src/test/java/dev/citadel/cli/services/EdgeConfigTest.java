package dev.citadel.cli.services;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

class EdgeConfigTest {

    private final JsonNode config = YAMLMapper.builder().build().readTree(
            EdgeConfig.render(ServiceCommandLinesTest.TOPOLOGY, ServiceCommandLinesTest.LAYOUT));

    @Test
    void putsBothStampsInEveryGroupAndProbesEachAtItsOwnHealthService() {
        List<String> origins = new ArrayList<>();
        for (JsonNode group : config.path("originGroups")) {
            for (JsonNode o : group.path("origins")) {
                origins.add(group.path("name").asString() + " " + o.path("host").asString() + ":" + o.path("port").asInt()
                        + " " + o.path("tlsServerName").asString() + " probe " + o.path("probe").path("host").asString()
                        + o.path("probe").path("path").asString() + " " + o.path("probe").path("tlsServerName").asString());
            }
        }
        assertThat(origins).containsExactly(
                "apis 127.0.1.31:8443 catalog-api.region1.citadel probe 127.0.1.33/health/stamp health-service.region1.citadel",
                "apis 127.0.2.31:8443 catalog-api.region2.citadel probe 127.0.2.33/health/stamp health-service.region2.citadel",
                "health 127.0.1.33:8443 health-service.region1.citadel probe 127.0.1.33/health/stamp health-service.region1.citadel",
                "health 127.0.2.33:8443 health-service.region2.citadel probe 127.0.2.33/health/stamp health-service.region2.citadel",
                "static 127.0.1.34:8443 web-ui.region1.citadel probe 127.0.1.33/health/stamp health-service.region1.citadel",
                "static 127.0.2.34:8443 web-ui.region2.citadel probe 127.0.2.33/health/stamp health-service.region2.citadel");
    }

    @Test
    void sendsEachStampOnlyItsOwnEdgeId() {
        List<String> ids = new ArrayList<>();
        config.path("originGroups").forEach(g -> g.path("origins").forEach(o ->
                ids.add(o.path("stamp").asString() + "=" + o.path("edgeIdFile").asString() + o.path("edgeId").asString())));
        assertThat(ids).as("from a file the edge follows: the configuration holds no secret").containsExactly(
                "region1=/r/edge/secrets/region1-edge-id", "region2=/r/edge/secrets/region2-edge-id",
                "region1=/r/edge/secrets/region1-edge-id", "region2=/r/edge/secrets/region2-edge-id",
                "region1=/r/edge/secrets/region1-edge-id", "region2=/r/edge/secrets/region2-edge-id");
    }

    @Test
    void labelsEveryOriginWithItsStamp() {
        List<String> stamps = new ArrayList<>();
        config.path("originGroups").forEach(g -> g.path("origins").forEach(o -> stamps.add(o.path("stamp").asString())));
        assertThat(stamps).containsExactly("region1", "region2", "region1", "region2", "region1", "region2");
    }

    @Test
    void theEdgeItselfAcceptsTheRenderedFile(@TempDir Path run) throws Exception {
        RunLayout layout = new RunLayout(run);
        for (String region : List.of("region1", "region2")) {
            Path id = layout.edgeIdFile(region);
            Files.createDirectories(id.getParent());
            Files.writeString(id, "edge-id-of-" + region);
            Files.setPosixFilePermissions(id, PosixFilePermissions.fromString("rw-------"));
        }
        var props = dev.citadel.edge.config.EdgeConfigLoader.parse(
                EdgeConfig.render(ServiceCommandLinesTest.TOPOLOGY, layout));
        assertThat(props.originGroups().get(0).origins().get(1).edgeId().value()).isEqualTo("edge-id-of-region2");
        assertThat(props.originGroups()).hasSize(3);
        assertThat(props.routes().get(2).stampHeader()).isEqualTo("X-Citadel-Stamp");
        assertThat(props.originGroups().get(0).origins().get(0).probe().path()).isEqualTo("/health/stamp");
        assertThat(props.probes().intervalMs()).as("a dead stamp is out within a second").isEqualTo(500);
    }

    @Test
    void routesPerTheContractListensOnLoopbackAndPreventsAttacks() {
        List<String> routes = new ArrayList<>();
        config.path("routes").forEach(r -> routes.add(r.path("pattern").asString() + "->" + r.path("originGroup").asString()));
        assertThat(routes).containsExactly("/api/*->apis", "/images/*->apis", "/health/*->health", "/*->static");
        assertThat(config.path("routes").get(2).path("stampHeader").asString()).isEqualTo("X-Citadel-Stamp");
        assertThat(config.path("routes").get(0).has("stampHeader")).as("only /health/* lets a read pick a stamp").isFalse();
        assertThat(config.path("status").path("enabled").asBoolean()).isTrue();
        assertThat(config.has("edgeId")).as("no installation-wide edge id").isFalse();
        assertThat(config.path("listeners").path("https").path("host").asString()).isEqualTo("127.0.0.1");
        assertThat(config.path("listeners").path("http").path("port").asInt()).isEqualTo(-1);
        assertThat(config.path("waf").path("mode").asString()).isEqualTo("prevention");
        assertThat(config.path("waf").path("engine").asString()).isEqualTo("crs");
        assertThat(config.path("waf").path("crs").path("allowedMethods").toString()).contains("PUT", "PATCH", "DELETE");
        config.path("waf").path("exclusions").forEach(e -> assertThat(e.path("pathPrefix").asString())
                .as("every exclusion is narrowed to a route and an argument: %s", e).startsWith("/api/"));
        config.path("waf").path("exclusions").forEach(e -> assertThat(e.path("argName").asString()).startsWith("json."));
        assertThat(config.path("tls").path("operatorCa").asString()).isEqualTo("/r/edge/tls/operator-ca.crt");
        assertThat(config.path("tls").path("clientCertificate").asString()).isEqualTo("/r/edge/tls/client/edge.crt");
    }

    @Test
    void inAClusterTheEdgeDialsServiceNamesReadsEachStampsIdFromItsSecretAndAcceptsTheFile(@TempDir Path secrets)
            throws Exception {
        String yaml = EdgeConfig.renderForCluster(ServiceCommandLinesTest.TOPOLOGY, region -> "citadel-" + region,
                secrets.toString(), "/run/tls", "/run/trust");
        assertThat(yaml).doesNotContain("edgeId:").as("the ConfigMap holds no secret");
        for (String region : List.of("region1", "region2")) {
            Path id = secrets.resolve(EdgeConfig.edgeIdKey(region));
            Files.writeString(id, "edge-id-of-" + region);
            Files.setPosixFilePermissions(id, PosixFilePermissions.fromString("r--------"));
        }
        var props = dev.citadel.edge.config.EdgeConfigLoader.parse(yaml);
        List<String> origins = new ArrayList<>();
        props.originGroups().forEach(g -> g.origins().forEach(o -> origins.add(o.name() + " " + o.host() + ":" + o.port()
                + " " + o.tlsServerName() + " " + o.edgeId().value() + " probe " + o.probe().host())));
        assertThat(origins).containsExactly(
                "apis-region1 catalog-api.citadel-region1.svc:8443 catalog-api.citadel-region1.svc edge-id-of-region1"
                        + " probe health-service.citadel-region1.svc",
                "apis-region2 catalog-api.citadel-region2.svc:8443 catalog-api.citadel-region2.svc edge-id-of-region2"
                        + " probe health-service.citadel-region2.svc",
                "health-region1 health-service.citadel-region1.svc:8443 health-service.citadel-region1.svc"
                        + " edge-id-of-region1 probe health-service.citadel-region1.svc",
                "health-region2 health-service.citadel-region2.svc:8443 health-service.citadel-region2.svc"
                        + " edge-id-of-region2 probe health-service.citadel-region2.svc",
                "static-region1 web-ui.citadel-region1.svc:8443 web-ui.citadel-region1.svc edge-id-of-region1"
                        + " probe health-service.citadel-region1.svc",
                "static-region2 web-ui.citadel-region2.svc:8443 web-ui.citadel-region2.svc edge-id-of-region2"
                        + " probe health-service.citadel-region2.svc");
        assertThat(props.listeners().https().host()).isEqualTo("0.0.0.0");
        assertThat(props.tls().originCa()).hasToString("/run/tls/ca.crt");
    }
}
