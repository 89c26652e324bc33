package dev.citadel.cli.services;

import static org.assertj.core.api.Assertions.assertThat;

import dev.citadel.cli.topology.Topology;
import dev.citadel.cli.topology.TwoRegions;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServiceCommandLinesTest {

    static final Topology TOPOLOGY = TwoRegions.TOPOLOGY;
    static final RunLayout LAYOUT = new RunLayout(Path.of("/r"));

    private static List<String> argv(ServiceKind kind, int region) {
        return ServiceCommandLines.argv("java", Path.of("/h/x.jar"), kind, TOPOLOGY.regions().get(region), TOPOLOGY, LAYOUT);
    }

    @Test
    void catalogApiGetsTheContractsTwoMutualTlsListenersOnItsOwnAddress() {
        List<String> argv = argv(ServiceKind.CATALOG_API, 0);

        assertThat(argv).startsWith("java", "-Xms384m", "-Xmx384m");
        assertThat(argv).contains("-Dcitadel.engine=catalog-api-region1", "-jar", "/h/x.jar",
                "--spring.ssl.bundle.pem.edge.keystore.certificate=file:/r/stamps/region1/catalog-api/tls/server.crt",
                "--spring.ssl.bundle.pem.edge.keystore.private-key=file:/r/stamps/region1/catalog-api/tls/server.key",
                "--spring.ssl.bundle.pem.edge.truststore.certificate=file:/r/stamps/region1/catalog-api/tls/edge-ca.crt",
                "--server.ssl.bundle=edge", "--server.ssl.client-auth=need",
                "--spring.ssl.bundle.pem.operator.truststore.certificate=file:/r/stamps/region1/catalog-api/tls/operator-ca.crt",
                "--management.server.ssl.bundle=operator", "--management.server.ssl.client-auth=need",
                "--server.address=127.0.1.31", "--server.port=8443", "--management.server.port=9443",
                "--citadel.catalog-api.region=region1",
                "--citadel.catalog-api.cassandra.contact-points=127.0.1.10:9042",
                "--citadel.catalog-api.cassandra.local-dc=dc1",
                "--citadel.catalog-api.cassandra.username=catalog_api_region1",
                "--citadel.catalog-api.kafka.bootstrap-servers=127.0.1.20:9093",
                "--citadel.catalog-api.kafka.username=catalog-api");
        assertThat(String.join(" ", argv)).doesNotContain("password");
    }

    @Test
    void backgroundProcessorListensOnlyOnItsManagementPortWithTheOperatorCa() {
        List<String> argv = argv(ServiceKind.BACKGROUND_PROCESSOR, 1);

        assertThat(argv).contains("--server.address=127.0.2.32", "--server.port=9443", "--server.ssl.bundle=operator",
                "--server.ssl.client-auth=need", "--citadel.processor.kafka.group-id=background-processor",
                "--citadel.processor.kafka.dead-letter-topic=catalog-events-dlq",
                "--citadel.processor.cassandra.local-dc=dc2", "--citadel.region=region2");
        assertThat(argv).noneMatch(a -> a.contains("bundle.pem.edge"));
    }

    @Test
    void healthServiceScrapesItsOwnStampsManagementPortsWithItsOwnClientCertificate() {
        List<String> argv = argv(ServiceKind.HEALTH_SERVICE, 0);

        assertThat(argv).contains(
                "--citadel.health.signals.catalog-api-metrics-url=https://127.0.1.31:9443/actuator/prometheus",
                "--citadel.health.signals.processor-metrics-url=https://127.0.1.32:9443/actuator/prometheus",
                "--citadel.health.signals.client-certificate=/r/stamps/region1/health-service/tls/scraper/scraper.region1.crt",
                "--citadel.health.signals.ca-certificate=/r/pki/ca/ca.crt",
                "--citadel.health.kafka.consumer-group=background-processor",
                "--citadel.health.state-file=/r/stamps/region1/health-service/rotation.state");
    }

    @Test
    void edgeReadsItsGeneratedConfigAndLogsIntoTheRunDirectory() {
        assertThat(ServiceCommandLines.edgeArgv("java", Path.of("/h/edge.jar"), TOPOLOGY, LAYOUT)).containsExactly(
                "java", "-Xms256m", "-Xmx256m", "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError", "-Dcitadel.engine=edge",
                "-Dedge.log.dir=/r/logs", "-jar", "/h/edge.jar", "--config", "/r/edge/edge.yaml");
    }

    @Test
    void planSkipsServicesWhoseJarIsNotBuiltAndNamesThem() {
        ServicePlan plan = ServicePlan.of(TOPOLOGY, LAYOUT, Path.of("/h"), "java",
                jar -> !jar.toString().contains("health-service"));

        assertThat(plan.services()).extracting(ServiceSpec::name).containsExactly("egress-firewall-region1",
                "catalog-api-region1", "background-processor-region1", "web-ui-region1", "egress-firewall-region2",
                "catalog-api-region2", "background-processor-region2", "web-ui-region2", "edge");
        assertThat(plan.skipped()).hasSize(2).allMatch(s -> s.startsWith("health-service-region"));
        assertThat(plan.services().get(0).readinessUrl()).isEqualTo("https://127.0.1.40:9443/health");
        ServiceSpec api = plan.services().get(1);
        assertThat(api.readinessUrl()).isEqualTo("https://127.0.1.31:9443/actuator/health/readiness");
        assertThat(api.environment()).containsEntry("CITADEL_SECRETS_DIR", "/r/stamps/region1/catalog-api/secrets")
                .containsEntry("CITADEL_REGION", "region1");
        assertThat(plan.services().get(8).readinessUrl()).isEqualTo("https://127.0.0.1:9443/origins");
    }

    @Test
    void catalogApiFetchesImagesOnlyThroughItsStampsEgressFirewallAsItsOwnSource() {
        List<String> argv = argv(ServiceKind.CATALOG_API, 1);

        assertThat(argv).contains("--citadel.catalog-api.images.proxy-host=127.0.2.40",
                "--citadel.catalog-api.images.proxy-port=3128",
                "--citadel.catalog-api.images.proxy-username=catalog-api");
    }

    @Test
    void egressFirewallReadsItsGeneratedConfigAndCarriesItsMarker() {
        List<String> argv = argv(ServiceKind.EGRESS_FIREWALL, 0);

        assertThat(argv).contains("-Dcitadel.engine=egress-firewall-region1", "-Xmx128m");
        assertThat(argv.subList(argv.size() - 2, argv.size()))
                .containsExactly("--config", "/r/stamps/region1/egress-firewall/egress-firewall.yaml");
    }

    @Test
    void everyServiceWritesItsOwnRotatingLogInsteadOfTheConsole() {
        assertThat(argv(ServiceKind.WEB_UI, 1)).contains("--logging.file.name=/r/logs/web-ui-region2.log",
                "--logging.logback.rollingpolicy.total-size-cap=100MB", "--logging.threshold.console=OFF");
        assertThat(argv(ServiceKind.EGRESS_FIREWALL, 0)).contains("-Dlogback.configurationFile=logback-file.xml",
                "-Degress.log.file=/r/logs/egress-firewall-region1.log");
        assertThat(RunLayout.consoleFile(Path.of("/r/logs/web-ui-region2.log"))).isEqualTo(Path.of("/r/logs/web-ui-region2.out"));
    }
}
