package dev.citadel.cli.services;

import static org.assertj.core.api.Assertions.assertThat;

import dev.citadel.cli.services.ProcessIdentities.Grant;
import dev.citadel.platform.engines.process.ProcessIdentity;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class ProcessIdentitiesTest {

    private static final RunLayout LAYOUT = ServiceCommandLinesTest.LAYOUT;
    private static final ProcessIdentities SEPARATE = new ProcessIdentities(true);
    private static final Predicate<Path> BUILT = p -> p.toString().endsWith(".jar");

    private static ServicePlan plan(ProcessIdentities identities) {
        return ServicePlan.of(ServiceCommandLinesTest.TOPOLOGY, LAYOUT, Path.of("/h"), "java", BUILT, identities);
    }

    private static ServiceSpec service(ServicePlan plan, String name) {
        return plan.services().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void everyServiceOfEveryStampHasItsOwnAccount() {
        List<String> users = plan(SEPARATE).services().stream()
                .map(s -> SEPARATE.of(s.kind(), s.region()).orElseThrow().user()).toList();

        assertThat(users).doesNotHaveDuplicates().contains("citadel-catalog-api-region1", "citadel-catalog-api-region2",
                "citadel-processor-region1", "citadel-health-region1", "citadel-web-ui-region2",
                "citadel-egress-region1", "citadel-edge");
        assertThat(users).allMatch(u -> u.length() <= 32);
    }

    @Test
    void eachArgvDropsRootBeforeJavaAndKeepsItsMarker() {
        ServiceSpec webUi = service(plan(SEPARATE), "web-ui-region1");

        assertThat(webUi.argv()).startsWith("setpriv", "--reuid=citadel-web-ui-region1",
                "--regid=citadel-web-ui-region1", "--clear-groups", "--no-new-privs", "--", "java");
        assertThat(webUi.argv()).contains("-Dcitadel.engine=web-ui-region1");
        assertThat(service(plan(SEPARATE), "edge").argv()).startsWith("setpriv", "--reuid=citadel-edge");
    }

    @Test
    void withoutRootTheArgvIsUnchangedAndNothingIsPlanned() {
        ProcessIdentities shared = new ProcessIdentities(false);
        ServicePlan plan = plan(shared);

        assertThat(service(plan, "web-ui-region1").argv()).first().isEqualTo("java");
        assertThat(plan).isEqualTo(ServicePlan.of(ServiceCommandLinesTest.TOPOLOGY, LAYOUT, Path.of("/h"), "java", BUILT));
        assertThat(shared.plan(plan.services(), LAYOUT)).isEmpty();
        assertThat(shared.of(ServiceKind.WEB_UI, "region1")).isEmpty();
    }

    @Test
    void eachServiceOwnsItsDirectoryItsLogsAndItsClassArchiveAndRootKeepsTheRest() {
        ServicePlan plan = plan(SEPARATE);
        List<Grant> grants = SEPARATE.plan(plan.services(), LAYOUT);
        ProcessIdentity catalog = new ProcessIdentity("citadel-catalog-api-region1");

        assertThat(grants).contains(
                new Grant.OwnedTree(Path.of("/r/stamps/region1/catalog-api"), catalog),
                new Grant.OwnedFiles(Path.of("/r/logs"), "catalog-api-region1", catalog),
                new Grant.OwnedFiles(Path.of("/r/logs/archive"), "catalog-api-region1", catalog),
                new Grant.OwnedTree(Path.of("/h/stamp/catalog-api/target/extracted/cds/catalog-api-region1"), catalog),
                new Grant.OwnedTree(Path.of("/r/edge"), new ProcessIdentity("citadel-edge")),
                new Grant.Readable(Path.of("/r/pki/ca/ca.crt")),
                new Grant.Readable(Path.of("/r/pki/client-truststore.p12")),
                new Grant.Traversable(Path.of("/r")),
                new Grant.StickyShared(Path.of("/r/logs")));
        // The CAs' keys, the tier's secrets (admin passwords, JMX passwords) and the operator's certificate: root's.
        assertThat(grants).noneMatch(g -> !(g instanceof Grant.Traversable) && Set.of("secrets", "operator", "edge-ca",
                "operator-ca").contains(g.path().getFileName().toString()) || g.path().toString().endsWith(".key"));
        assertThat(grants).noneMatch(g -> g.path().endsWith("secrets") || g.path().endsWith("pki/operator")
                || g.path().endsWith("pki/edge-ca"));
        // Every tree handed to one account belongs to exactly one service.
        assertThat(grants.stream().filter(g -> g instanceof Grant.OwnedTree).map(Grant::path)).doesNotHaveDuplicates();
    }

    @Test
    void aLogBelongsToTheComponentItIsNamedAfterOnly() {
        assertThat(ProcessIdentities.belongsTo("edge.log", "edge")).isTrue();
        assertThat(ProcessIdentities.belongsTo("edge-access.log", "edge")).isTrue();
        assertThat(ProcessIdentities.belongsTo("egress-firewall-region1-decisions.log", "egress-firewall-region1")).isTrue();
        assertThat(ProcessIdentities.belongsTo("catalog-api-region1.2026-01-01.0.log.gz", "catalog-api-region1")).isTrue();
        assertThat(ProcessIdentities.belongsTo("catalog-api-region10.log", "catalog-api-region1")).isFalse();
        assertThat(ProcessIdentities.belongsTo("citadel-cli.log", "edge")).isFalse();
    }

    @Test
    void aClassArchiveInTheServicesOwnDirectoryIsFoundInItsArgv() {
        Path jar = Path.of("/j/extracted/web-ui.jar");

        List<String> training = ClassDataSharing.options(jar, "web-ui-region1", p -> false, true);
        List<String> using = ClassDataSharing.options(jar, "web-ui-region1",
                Set.of(Path.of("/j/extracted/cds/web-ui-region1/web-ui-region1.jsa"))::contains, true);

        assertThat(training).first().isEqualTo("-XX:ArchiveClassesAtExit=/j/extracted/cds/web-ui-region1/web-ui-region1.jsa.new");
        assertThat(using).first().isEqualTo("-XX:SharedArchiveFile=/j/extracted/cds/web-ui-region1/web-ui-region1.jsa");
        assertThat(ClassDataSharing.archiveDir(training)).contains(Path.of("/j/extracted/cds/web-ui-region1"));
        // The shared layout (no own accounts) keeps archives beside the jar: no directory to hand over.
        assertThat(ClassDataSharing.archiveDir(ClassDataSharing.options(jar, "web-ui-region1", p -> false))).isEmpty();
    }

    @Test
    void aRunDirectoryBelowAParentNobodyElseMayCrossIsRefused() {
        Set<java.nio.file.attribute.PosixFilePermission> open =
                java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x");
        Set<java.nio.file.attribute.PosixFilePermission> closed =
                java.nio.file.attribute.PosixFilePermissions.fromString("rwx------");

        assertThat(ProcessIdentities.blockingParent(Path.of("/root/citadel/.citadel"),
                p -> p.equals(Path.of("/root")) ? closed : open)).contains(Path.of("/root"));
        assertThat(ProcessIdentities.blockingParent(Path.of("/work/citadel/.citadel"), p -> open)).isEmpty();
        // The run directory itself is up's to open.
        assertThat(ProcessIdentities.blockingParent(Path.of("/work/run"),
                p -> p.equals(Path.of("/work/run")) ? closed : open)).isEmpty();
    }

    @Test
    void findsTheAccountOfAComponentByName() {
        var topology = ServiceCommandLinesTest.TOPOLOGY;

        assertThat(SEPARATE.prefixOf(topology, "health-service-region2").args()).contains("--reuid=citadel-health-region2");
        assertThat(SEPARATE.prefixOf(topology, "edge").args()).contains("--reuid=citadel-edge");
    }
}
