package dev.citadel.cli.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.citadel.cli.services.ClassDataSharing;
import dev.citadel.cli.services.ProcessIdentities;
import dev.citadel.cli.services.RunLayout;
import dev.citadel.cli.services.ServiceJava;
import dev.citadel.cli.services.ServiceKind;
import dev.citadel.cli.services.ServicePlan;
import dev.citadel.cli.services.ServiceSpec;
import dev.citadel.cli.topology.Topology;
import dev.citadel.cli.topology.TwoRegions;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReleaseUnitTest {

    static final Topology TOPOLOGY = TwoRegions.TOPOLOGY;
    static final RunLayout LAYOUT = new RunLayout(Path.of("/r"));

    @Test
    void unitBIsEveryStampServiceAndItsOwnKafkaBroker100AddressesUpWithTheSameCassandraAndEdge() {
        Topology b = ReleaseUnit.B.place(TOPOLOGY);
        assertThat(b.stamp("region1").catalogApi().address()).isEqualTo("127.0.1.131");
        assertThat(b.stamp("region2").healthService().address()).isEqualTo("127.0.2.133");
        assertThat(b.stamp("region1").egressFirewall().node().address()).isEqualTo("127.0.1.140");
        assertThat(b.stamp("region1").catalogApi().port()).isEqualTo(TOPOLOGY.stamp("region1").catalogApi().port());
        assertThat(b.regions()).extracting(Topology.Region::cassandra)
                .isEqualTo(TOPOLOGY.regions().stream().map(Topology.Region::cassandra).toList());
        assertThat(b.regions().get(0).kafka().address()).isEqualTo("127.0.1.120");
        assertThat(b.regions().get(1).kafka().address()).isEqualTo("127.0.2.120");
        assertThat(b.regions().get(0).kafka().port()).isEqualTo(TOPOLOGY.regions().get(0).kafka().port());
        assertThat(b.regions().get(0).kafka().controllerPort())
                .isEqualTo(TOPOLOGY.regions().get(0).kafka().controllerPort());
        assertThat(ReleaseUnit.B.broker("region1")).isEqualTo("kafka-region1-b");
        assertThat(ReleaseUnit.A.broker("region1")).isEqualTo("kafka-region1");
        assertThat(b.edge()).isEqualTo(TOPOLOGY.edge());
        assertThat(ReleaseUnit.A.place(TOPOLOGY)).isEqualTo(TOPOLOGY);
        assertThat(ReleaseUnit.A.other()).isEqualTo(ReleaseUnit.B);
        assertThat(ReleaseUnit.B.other()).isEqualTo(ReleaseUnit.A);
        assertThatThrownBy(() -> ReleaseUnit.B.address("127.0.1.200")).hasMessageContaining(".1-.154");
    }

    @Test
    void unitBRunsUnderItsOwnNamesLogsAndEgressConfigWithoutClassArchives() {
        ServicePlan plan = ServicePlan.of(ReleaseUnit.B.place(TOPOLOGY), LAYOUT, Path.of("/h"), "java",
                p -> p.toString().endsWith(".jar"));
        List<ServiceSpec> specs = ReleaseUnit.B.services(plan, LAYOUT);
        assertThat(specs).extracting(ServiceSpec::name).hasSize(10).doesNotContain("edge", "edge-b")
                .contains("catalog-api-region1-b", "egress-firewall-region2-b", "background-processor-region1-b");
        ServiceSpec api = specs.stream().filter(s -> s.name().equals("catalog-api-region1-b")).findFirst().orElseThrow();
        assertThat(api.argv()).contains("-Dcitadel.engine=catalog-api-region1-b")
                .doesNotContain("-Dcitadel.engine=catalog-api-region1")
                .noneMatch(ClassDataSharing::isArchiveOption)
                .anyMatch(a -> a.contains("/r/logs/catalog-api-region1-b.log"))
                .noneMatch(a -> a.contains("/r/logs/catalog-api-region1.log"))
                .contains("--server.address=127.0.1.131");
        assertThat(api.logFile()).isEqualTo("/r/logs/catalog-api-region1-b.log");
        assertThat(api.readinessUrl()).startsWith("https://127.0.1.131:9443/");
        // Same secrets and certificates as unit a: the same role, user and certificate serve both.
        assertThat(api.workDir()).isEqualTo(LAYOUT.serviceDir(ServiceKind.CATALOG_API, "region1").toString());
        assertThat(api.environment()).containsEntry("CITADEL_SECRETS_DIR",
                LAYOUT.secretsDir(ServiceKind.CATALOG_API, "region1").toString());
        ServiceSpec egress = specs.stream().filter(s -> s.name().equals("egress-firewall-region1-b")).findFirst()
                .orElseThrow();
        assertThat(egress.argv()).contains(ReleaseUnit.B.egressConfig(LAYOUT, "region1").toString())
                .doesNotContain(LAYOUT.egressConfig("region1").toString());
        // On JDK 25 neither: unit a's AOT cache is its own JVM's.
        ServicePlan onJdk25 = ServicePlan.of(ReleaseUnit.B.place(TOPOLOGY), LAYOUT, Path.of("/h"),
                new ServiceJava("/jdk25/bin/java", true), p -> p.toString().endsWith(".jar"),
                (kind, region) -> dev.citadel.platform.engines.process.LaunchPrefix.NONE,
                new ProcessIdentities(true));
        assertThat(onJdk25.services()).flatExtracting(ServiceSpec::argv).anyMatch(a -> a.startsWith("-XX:AOTCacheOutput="));
        assertThat(ReleaseUnit.B.services(onJdk25, LAYOUT)).flatExtracting(ServiceSpec::argv)
                .noneMatch(ClassDataSharing::isArchiveOption);
    }

    @Test
    void aNewUnitsServicesTalkToItsOwnBrokerAndItsProcessorIsAwaitedReady() {
        ServicePlan plan = ServicePlan.of(ReleaseUnit.B.place(TOPOLOGY), LAYOUT, Path.of("/h"), "java",
                p -> p.toString().endsWith(".jar"));
        List<ServiceSpec> specs = ReleaseUnit.B.services(plan, LAYOUT);
        assertThat(specs).filteredOn(s -> s.kind() == ServiceKind.BACKGROUND_PROCESSOR)
                .extracting(ServiceSpec::readinessUrl)
                .containsExactly("https://127.0.1.132:9443/actuator/health/readiness",
                        "https://127.0.2.132:9443/actuator/health/readiness");
        assertThat(specs).filteredOn(s -> s.region().equals("region1") && s.kind() != ServiceKind.WEB_UI
                        && s.kind() != ServiceKind.EGRESS_FIREWALL)
                .allSatisfy(s -> assertThat(s.argv()).anyMatch(a -> a.endsWith("kafka.bootstrap-servers=127.0.1.120:"
                        + TOPOLOGY.regions().get(0).kafka().port())).noneMatch(a -> a.contains("127.0.1.20:")));
    }

    @Test
    void unitAIsWhatUpStarts() {
        ServicePlan plan = ServicePlan.of(TOPOLOGY, LAYOUT, Path.of("/h"), "java", p -> p.toString().endsWith(".jar"));
        assertThat(ReleaseUnit.A.services(plan, LAYOUT))
                .isEqualTo(plan.services().stream().filter(s -> s.kind() != ServiceKind.EDGE).toList());
        assertThat(ReleaseUnit.B.origins(TOPOLOGY)).containsExactly("apis-region1-b", "apis-region2-b",
                "health-region1-b", "health-region2-b", "static-region1-b", "static-region2-b");
        assertThat(ReleaseUnit.A.origins(TOPOLOGY)).contains("apis-region1", "static-region2");
    }

    @Test
    void aRedHealthModelSaysWhichCheckFailedAndWhy() {
        String body = """
                {"status":"unhealthy","region":"region1","checks":[
                 {"name":"database","status":"UP","detail":"TTL'd write and read at LOCAL_QUORUM in dc1"},
                 {"name":"health-score","status":"DOWN","detail":"stamp red, score 0.5; red: background-processor"},
                 {"name":"message-broker","status":"PENDING","detail":"not run yet"}]}""";
        assertThat(LiveRelease.failingChecks(body)).isEqualTo(" (health-score DOWN: stamp red, score 0.5; red: "
                + "background-processor; message-broker PENDING: not run yet)");
        assertThat(LiveRelease.failingChecks("not json")).isEmpty();
        assertThat(LiveRelease.failingChecks("{\"status\":\"healthy\",\"checks\":[]}")).isEmpty();
    }

    @Test
    void theSmokeTestFetchesAStoredImageByItsPathWhateverHostTheItemNames() {
        assertThat(LiveRelease.imagePath("https://localhost:8443/images/5f0e")).isEqualTo("/images/5f0e");
        assertThat(LiveRelease.imagePath("/images/5f0e")).isEqualTo("/images/5f0e");
        assertThat(LiveRelease.imagePath("https://example.com/pics/1.png")).isNull();
        assertThat(LiveRelease.imagePath("not a url")).isNull();
    }

    @Test
    void upServesUnitBWithItsOwnServicesAndJarsAndTheEdgeAsTheReleaseLeftIt() {
        java.util.function.Predicate<Path> built = p -> p.toString().endsWith(".jar");
        ServicePlan edgePlan = ServicePlan.of(TOPOLOGY, LAYOUT, Path.of("/r/jars"), "java", built);
        ServicePlan unitPlan = ServicePlan.of(ReleaseUnit.B.place(TOPOLOGY), LAYOUT,
                Path.of("/r/" + ReleaseUnit.B.jarsDirectory()), "java", built);

        ServicePlan plan = ReleaseUnit.B.plan(unitPlan, edgePlan, LAYOUT);

        // What a release to unit b leaves in the plan: unit a's edge, unit b's services in place of a's.
        List<ServiceSpec> released = new java.util.ArrayList<>(ReleaseUnit.B.services(unitPlan, LAYOUT));
        edgePlan.services().stream().filter(s -> s.kind() == ServiceKind.EDGE).forEach(released::add);
        assertThat(plan.services()).containsExactlyInAnyOrderElementsOf(released);
        assertThat(plan.services()).extracting(ServiceSpec::name).hasSize(11).contains("edge", "catalog-api-region1-b")
                .doesNotContain("catalog-api-region1", "kafka-region1");
        ServiceSpec api = plan.services().stream().filter(s -> s.name().equals("catalog-api-region1-b")).findFirst()
                .orElseThrow();
        assertThat(api.argv()).anyMatch(a -> a.contains("/r/jars-b/")).noneMatch(a -> a.contains("/r/jars/"));
        ServiceSpec edge = plan.services().stream().filter(s -> s.name().equals("edge")).findFirst().orElseThrow();
        assertThat(edge.argv()).anyMatch(a -> a.contains("/r/jars/")).noneMatch(a -> a.contains("/r/jars-b/"));
        assertThat(ReleaseUnit.A.plan(unitPlan, edgePlan, LAYOUT)).isEqualTo(edgePlan);
        assertThat(ReleaseUnit.A.jarsDirectory()).isEqualTo("jars");
    }

    @Test
    void upsDataTierForUnitBHasItsBrokersWithTheNodeIdsOfUnitAsAndTheSameCassandra() {
        var a = dev.citadel.cli.plan.DataTierPlan.of(TOPOLOGY, Path.of("/r"));
        var b = dev.citadel.cli.plan.DataTierPlan.of(ReleaseUnit.B.place(TOPOLOGY), Path.of("/r"),
                ReleaseUnit.B.suffix());

        assertThat(b.cassandraNodes()).isEqualTo(a.cassandraNodes());
        assertThat(b.kafkaBrokers()).extracting(k -> k.name() + "@" + k.broker().address() + "#" + k.nodeId() + " "
                + k.dir()).containsExactly("kafka-region1-b@127.0.1.120#1 /r/nodes/kafka-region1-b",
                "kafka-region2-b@127.0.2.120#2 /r/nodes/kafka-region2-b");
        assertThat(a.kafkaBrokers()).extracting(k -> k.name() + "#" + k.nodeId())
                .containsExactly("kafka-region1#1", "kafka-region2#2");
    }

    @Test
    void unitBsCertificatesNameBothUnitsAddressesAsTheReleaseIssuedThem() {
        assertThat(ReleaseUnit.B.certificateAddresses("127.0.1.31")).containsExactly("127.0.1.31", "127.0.1.131");
        assertThat(ReleaseUnit.A.certificateAddresses("127.0.1.31")).containsExactly("127.0.1.31");
    }
}
