package dev.citadel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.citadel.platform.engines.EngineKind;
import dev.citadel.cli.supervisor.ProcessRecord;
import dev.citadel.cli.supervisor.RunState;
import dev.citadel.cli.supervisor.StateStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

class CitadelCommandTest {

    @TempDir
    Path runDir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = CitadelCommand.commandLine(CommandLine.defaultFactory());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    @ParameterizedTest
    @ValueSource(strings = {"up", "status", "down", "check network", "rotate"})
    void everySubcommandHasHelp(String command) {
        List<String> args = new java.util.ArrayList<>(List.of(command.split(" ")));
        args.add("--help");
        assertThat(run(args.toArray(String[]::new))).isZero();
        assertThat(out.toString()).startsWith("Usage: citadel " + command).contains("--topology=FILE", "--run-dir=DIR",
                "--verbose", "--quiet");
    }

    @Test
    void rootHelpListsTheSubcommandsAndExitCodes() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("up", "status", "down", "Exit codes:", "11", "port");
    }

    @Test
    void noSubcommandIsAUsageError() {
        assertThat(run()).isEqualTo(ExitCode.USAGE);
        assertThat(err.toString()).contains("Usage: citadel");
    }

    @Test
    void verboseAndQuietTogetherAreAUsageError() {
        assertThat(run("status", "--verbose", "--quiet", "--run-dir", runDir.toString())).isEqualTo(ExitCode.USAGE);
        assertThat(err.toString()).contains("mutually exclusive");
    }

    @Test
    void anUnknownOptionIsAUsageError() {
        assertThat(run("up", "--regions=3")).isEqualTo(ExitCode.USAGE);
        assertThat(err.toString()).contains("Unknown option: '--regions=3'");
    }

    @Test
    void aReadyTimeoutBelowTenSecondsIsAUsageError() {
        assertThat(run("up", "--ready-timeout", "5", "--run-dir", runDir.toString())).isEqualTo(ExitCode.USAGE);
        assertThat(err.toString()).contains("--ready-timeout must be at least 10 seconds");
    }

    @Test
    void upWithAnInvalidTopologyNamesTheKeyAndStartsNothing() throws IOException {
        Path topology = Files.writeString(runDir.resolve("bad.yaml"), "regions: [{name: Region1}]\n");

        assertThat(run("up", "--topology", topology.toString(), "--run-dir", runDir.toString()))
                .isEqualTo(ExitCode.TOPOLOGY_INVALID);
        assertThat(err.toString()).isEqualTo("citadel: " + topology + ": regions[0].name: must be a lower-case name "
                + "like region1, got \"Region1\"%n".formatted());
        assertThat(StateStore.in(runDir).read()).isEmpty();
    }

    @Test
    void statusWithNothingStartedSaysSoAndSucceeds() {
        assertThat(run("status", "--run-dir", runDir.toString())).isZero();
        assertThat(out.toString()).isEqualTo("nothing is running\n");
    }

    @Test
    void rotateKnowsOnlyTheApiKeyAndNeedsAStartedRunDirectory() {
        assertThat(run("rotate", "ssh-key", "--run-dir", runDir.toString())).isEqualTo(ExitCode.USAGE);
        assertThat(err.toString()).contains("cannot rotate 'ssh-key'");
        assertThat(run("rotate", "api-key", "--overlap", "soon", "--run-dir", runDir.toString())).isEqualTo(ExitCode.USAGE);
        assertThat(run("rotate", "api-key", "--overlap", "0", "--run-dir", runDir.toString()))
                .isEqualTo(ExitCode.DEGRADED);
        assertThat(err.toString()).contains("run `citadel up`");
    }

    @Test
    void rotateWaitsForAReleaseInProgress() throws IOException {
        Files.createDirectories(runDir.resolve("secrets"));
        new dev.citadel.cli.release.ReleaseState("a", "v1", "b", "v2", 10, "soaking", 4242).write(runDir);

        for (String what : List.of("api-key", "edge-id", "service-certificates", "edge-certificates",
                "egress-certificates", "edge-ca")) {
            assertThat(run("rotate", what, "--run-dir", runDir.toString())).as(what).isEqualTo(ExitCode.DEGRADED);
        }
        assertThat(err.toString()).contains("a release is in progress (unit b, pid 4242)");
    }

    @Test
    void upStartsNothingWhileAReleaseIsInProgressAndSaysHowToEndIt() throws Exception {
        long gone = exitedPid();
        new dev.citadel.cli.release.ReleaseState("a", "v1", "b", "v2", 10, "at 10 %", gone).write(runDir);

        assertThat(run("up", "--run-dir", runDir.toString())).isEqualTo(ExitCode.DEGRADED);
        assertThat(err.toString()).contains("a release to unit b is in progress", "(pid " + gone + ", at 10 %)",
                "`citadel down`, then `citadel up`");

        err.getBuffer().setLength(0);
        long driving = ProcessHandle.current().pid();
        new dev.citadel.cli.release.ReleaseState("a", "v1", "b", "v2", 50, "at 50 %", driving).write(runDir);
        assertThat(run("up", "--run-dir", runDir.toString())).isEqualTo(ExitCode.DEGRADED);
        assertThat(err.toString()).contains("a release to unit b is in progress", "`citadel release --rollback`");

        assertThat(runDir.resolve("citadel-state.json")).doesNotExist();
        assertThat(runDir.resolve("tier.properties")).doesNotExist();
    }

    @Test
    void statusAfterAReleaseShowsUnitBsComponentsAndTheUnitWithItsVersion() throws Exception {
        Path topology = Files.writeString(runDir.resolve("t.yaml"), dev.citadel.cli.topology.TwoRegions.YAML);
        StateStore.in(runDir).write(new RunState("citadel", topology.toString(), "now",
                List.of(new ProcessRecord("kafka-region1-b", "region1", EngineKind.KAFKA, "127.0.1.120:9093",
                        ProcessHandle.current().pid(), "/logs/kafka-region1-b.log"))));
        new dev.citadel.cli.release.ReleaseState("b", "v2", null, null, 0, "idle", -1).write(runDir);

        run("status", "--topology", topology.toString(), "--run-dir", runDir.toString());

        assertThat(out.toString()).contains("kafka-region1-b", "127.0.1.120:9093");
        assertThat(out.toString().lines().filter(l -> l.startsWith("b     serving")).toList()).singleElement()
                .satisfies(l -> assertThat(l).contains("v2", "unknown (the edge's https://127.0.0.1:9443/origins "
                        + "cannot be read"));
        assertThat(out.toString()).doesNotContain("a     serving");
    }

    @Test
    void stampTargetsTheServingUnitsHealthService() {
        var b = dev.citadel.cli.release.ServingUnit.of(java.util.Optional.of(
                new dev.citadel.cli.release.ReleaseState("b", "v2", null, null, 0, "idle", -1)));
        StampCommand.Target target = StampCommand.target(b, dev.citadel.cli.topology.TwoRegions.TOPOLOGY, "region2");

        assertThat(target.component()).isEqualTo("health-service-region2-b");
        assertThat(target.uri()).hasToString("https://127.0.2.133:9443/actuator/rotation");
        assertThat(StampCommand.target(dev.citadel.cli.release.ServingUnit.of(runDir),
                dev.citadel.cli.topology.TwoRegions.TOPOLOGY, "region2").uri())
                .hasToString("https://127.0.2.33:9443/actuator/rotation");
    }

    @Test
    void logsShowsAUnitBComponentsLog() throws IOException {
        Files.createDirectories(runDir.resolve("logs"));
        Files.writeString(runDir.resolve("logs/catalog-api-region1-b.log"), "one\ntwo\nthree\n");
        Files.writeString(runDir.resolve("logs/kafka-region1-b.log"), "broker\n");

        assertThat(run("logs", "catalog-api-region1-b", "-n", "2", "--run-dir", runDir.toString())).isZero();
        assertThat(out.toString()).isEqualTo("two\nthree\n");
        assertThat(run("logs", "kafka-region1-b", "--run-dir", runDir.toString())).isZero();
        assertThat(out.toString()).endsWith("broker\n");
    }

    @Test
    void downAfterAReleaseForgetsUnitBsBrokerAndTheReleaseSoTheNextUpStartsUnitA() throws Exception {
        StateStore.in(runDir).write(new RunState("citadel", "t.yaml", "now", List.of(
                new ProcessRecord("cassandra-region1", "region1", EngineKind.CASSANDRA, "127.0.1.10:9042", exitedPid(),
                        "/logs/c.log"),
                new ProcessRecord("kafka-region1-b", "region1", EngineKind.KAFKA, "127.0.1.120:9093", exitedPid(),
                        "/logs/kafka-region1-b.log"))));
        new dev.citadel.cli.release.ReleaseState("b", "v2", null, null, 0, "idle", -1).write(runDir);
        Files.writeString(runDir.resolve(dev.citadel.cli.release.ReleaseState.ROLLBACK_MARKER), "x");

        assertThat(run("down", "--run-dir", runDir.toString())).isZero();

        assertThat(StateStore.in(runDir).read()).isEmpty();
        assertThat(runDir.resolve(dev.citadel.cli.release.ReleaseState.FILE)).doesNotExist();
        assertThat(runDir.resolve(dev.citadel.cli.release.ReleaseState.ROLLBACK_MARKER)).doesNotExist();
        assertThat(dev.citadel.cli.release.ServingUnit.of(runDir).unit()).isEqualTo(dev.citadel.cli.release.ReleaseUnit.A);
    }

    @Test
    void statusShowsADeadEngineAndExitsWithTheDegradedCode() throws Exception {
        StateStore.in(runDir).write(new RunState("citadel", "t.yaml", "now",
                List.of(new ProcessRecord("kafka-region1", "region1", EngineKind.KAFKA, "127.0.1.20:9093", exitedPid(),
                        "/logs/kafka-region1.log"))));

        assertThat(run("status", "--run-dir", runDir.toString())).isEqualTo(ExitCode.DEGRADED);
        assertThat(out.toString()).contains("kafka-region1").contains(" dead ");
        assertThat(err.toString()).startsWith("citadel: 1 of 1 components are dead");
    }

    private void writeCertificate(String path, String cn, java.time.Duration validFor) throws Exception {
        dev.citadel.platform.pki.CertificateAuthority ca = dev.citadel.platform.pki.CertificateAuthority.loadOrCreate(
                runDir.resolve("pki/ca"), "citadel CA");
        java.security.KeyPair keys = java.security.KeyPairGenerator.getInstance("EC").generateKeyPair();
        java.time.Instant now = java.time.Instant.now();
        var holder = new org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder(
                new org.bouncycastle.asn1.x500.X500Name(ca.certificate().getSubjectX500Principal().getName()),
                new java.math.BigInteger(64, new java.security.SecureRandom()), java.util.Date.from(now.minusSeconds(60)),
                java.util.Date.from(now.plus(validFor)), new org.bouncycastle.asn1.x500.X500Name("CN=" + cn),
                keys.getPublic()).build(new org.bouncycastle.operator.jcajce.JcaContentSignerBuilder("SHA256withECDSA")
                .build(keys.getPrivate()));
        Path file = runDir.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, dev.citadel.platform.pki.Pem.certificate(
                new org.bouncycastle.cert.jcajce.JcaX509CertificateConverter().getCertificate(holder)));
    }

    @Test
    void statusWarnsAboutEveryCertificateOfTheRunThatExpiresWithinThirtyDays() throws Exception {
        writeCertificate("stamps/region1/catalog-api/tls/server.crt", "catalog-api.region1", java.time.Duration.ofDays(12));
        writeCertificate("edge/tls/server/edge.crt", "edge", java.time.Duration.ofDays(29));
        writeCertificate("stamps/region1/egress-firewall/tls/server.crt", "egress-firewall.region1",
                java.time.Duration.ofDays(31));

        assertThat(run("status", "--run-dir", runDir.toString())).isZero();
        String text = out.toString();
        assertThat(text).contains("CERTIFICATES (4)", "CN=citadel CA", "CN=egress-firewall.region1");
        assertThat(text.lines().filter(l -> l.startsWith("WARNING: certificate")).toList()).satisfiesExactly(
                l -> assertThat(l).contains("CN=catalog-api.region1 expires", "11 days left",
                        "stamps/region1/catalog-api/tls/server.crt"),
                l -> assertThat(l).contains("CN=edge expires", "28 days left", "edge/tls/server/edge.crt"));

        out.getBuffer().setLength(0);
        assertThat(run("status", "--quiet", "--run-dir", runDir.toString())).isZero();
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString().lines().toList()).hasSize(2).allMatch(l -> l.startsWith("WARNING: certificate"));
    }

    @Test
    void quietStatusPrintsNothingAndLetsTheExitCodeSpeak() {
        assertThat(run("status", "--quiet", "--run-dir", runDir.toString())).isZero();
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void downWithNothingRunningIsANoOp() {
        assertThat(run("down", "--run-dir", runDir.toString())).isZero();
        assertThat(out.toString()).isEqualTo("nothing was running\n");
    }

    @Test
    void downForgetsAStateWhoseProcessesAreAlreadyDead() throws Exception {
        StateStore.in(runDir).write(new RunState("citadel", "t.yaml", "now",
                List.of(new ProcessRecord("cassandra-region1", "region1", EngineKind.CASSANDRA, "127.0.1.10:9042",
                        exitedPid(), "/logs/c.log"))));

        assertThat(run("down", "--run-dir", runDir.toString())).isZero();
        assertThat(StateStore.in(runDir).read()).isEmpty();
    }

    @Test
    void networkOnlyWithoutIsolatedIsAUsageErrorThatSaysWhy() {
        assertThat(run("up", "--network-only", "--run-dir", runDir.toString())).isEqualTo(ExitCode.USAGE);
        assertThat(err.toString()).contains("--network-only needs --isolated");
        assertThat(runDir.resolve("isolated-network")).doesNotExist();
    }

    @Test
    void aNamespacePrefixThatCannotNameAnInterfaceIsAUsageError() {
        assertThat(run("up", "--isolated", "--network-only", "--netns-prefix", "Bad-Prefix", "--run-dir",
                runDir.toString())).isEqualTo(ExitCode.USAGE);
        assertThat(err.toString()).contains("--netns-prefix must be");
    }

    @Test
    void checkNetworkWithoutAnIsolatedNetworkSaysHowToGetOne() {
        assertThat(run("check", "network", "--run-dir", runDir.toString())).isEqualTo(ExitCode.ISOLATION_UNAVAILABLE);
        assertThat(err.toString()).isEqualTo("citadel: no isolated network in " + runDir
                + ": run `up --isolated` first%n".formatted());
    }

    @Test
    void mapsAnUnexpectedExceptionToTheSoftwareErrorCode() {
        assertThat(new ExitCodeMapper().getExitCode(new IllegalStateException("bug"))).isEqualTo(ExitCode.SOFTWARE);
        assertThat(new ExitCodeMapper().getExitCode(new ExitException(ExitCode.NOT_READY, "x")))
                .isEqualTo(ExitCode.NOT_READY);
    }

    private static long exitedPid() throws Exception {
        Process process = new ProcessBuilder("true").start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return process.pid();
    }
}
