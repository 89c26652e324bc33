package dev.citadel.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.citadel.cli.status.ComponentState;
import dev.citadel.cli.supervisor.ProcessLiveness;
import dev.citadel.cli.supervisor.ProcessRecord;
import dev.citadel.cli.supervisor.RunState;
import dev.citadel.cli.supervisor.StateStore;
import dev.citadel.platform.engines.DataTier;
import dev.citadel.platform.engines.cassandra.CassandraAccess;
import dev.citadel.platform.pki.Secret;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs the packaged CLI ({@code java -jar target/citadel-cli.jar}) as a separate process, exactly as {@code ./citadel}
 * does, against real Cassandra and Kafka: the engines must outlive the CLI process that started them. One sequence,
 * because it starts four engine JVMs.
 */
class CitadelCliIT {

    /** Generous: on a loaded 2-core machine one engine alone has been seen to need four minutes to get ready. */
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(12);
    private static final Duration CLI_TIMEOUT = READY_TIMEOUT.multipliedBy(2);
    private static Path work;
    private static Path topology;
    private static Path runDir;

    @BeforeAll
    static void writeATopologyOnUnusualAddresses() throws IOException {
        work = Files.createDirectories(Path.of("target", "cli-it").toAbsolutePath());
        runDir = Files.createTempDirectory(work, "run-");
        // 127.<200..249>.20x.*: away from the default topology (127.0.x) and the testkit's 127.<100..199>.*, and
        // JMX (always on 127.0.0.1) on ports that are free right now.
        int octet = 200 + ThreadLocalRandom.current().nextInt(50);
        int[] jmx = twoFreeLocalPorts();
        topology = Files.writeString(runDir.resolve("topology.yaml"), """
                clusterName: cli-it
                regions:
                  - name: region1
                    cassandra: {address: 127.%1$d.201.10, jmxPort: %2$d, heapMb: 768}
                    kafka: {address: 127.%1$d.201.20}
                  - name: region2
                    cassandra: {address: 127.%1$d.202.10, jmxPort: %3$d, heapMb: 768}
                    kafka: {address: 127.%1$d.202.20}
                """.formatted(octet, jmx[0], jmx[1]));
    }

    @AfterAll
    static void leaveNothingRunning() throws Exception {
        List<ProcessRecord> recorded = StateStore.in(runDir).read().map(RunState::processes).orElse(List.of());
        cli("down");
        for (ProcessRecord process : recorded) {
            if (ProcessLiveness.isAlive(process)) {
                ProcessHandle.of(process.pid()).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
    }

    @Test
    void upStatusKillAndDownBehaveAsDocumented() throws Exception {
        // The data tier only: the services and the edge are the system tests' subject (system-tests/EndToEndIT).
        Result up = cli("up", "--data-tier-only", "--ready-timeout", Long.toString(READY_TIMEOUT.toSeconds()));
        assertThat(up.code()).as(up.toString()).isZero();
        assertThat(up.out()).contains("cassandra-region1", "cassandra-region2", "kafka-region1", "kafka-region2");
        List<ProcessRecord> started = recorded();
        assertThat(started).hasSize(4)
                .allSatisfy(p -> assertThat(ProcessLiveness.isAlive(p)).as(p.name()).isTrue());
        assertThat(up.out().lines().filter(l -> l.contains(" running ")).count()).isEqualTo(4);

        migrateWorksFromSettingsAndSecretFilesAlone();

        Result again = cli("up", "--data-tier-only");
        assertThat(again.code()).as(again.toString()).isZero();
        assertThat(again.out()).contains("already running");
        assertThat(recorded()).isEqualTo(started);

        ProcessRecord victim = started.get(3);
        ProcessHandle.of(victim.pid()).orElseThrow().destroyForcibly();
        await().atMost(Duration.ofSeconds(60)).until(() -> !ProcessLiveness.isAlive(victim));
        Result status = cli("status");
        assertThat(status.code()).as(status.toString()).isEqualTo(ExitCode.DEGRADED);
        assertThat(status.out().lines().filter(l -> l.startsWith(victim.name())))
                .singleElement().asString().contains(" " + ComponentState.DEAD.label() + " ");

        // `up` on the partly dead tier starts the dead engine alone; the living keep their pids.
        Result healed = cli("up", "--data-tier-only", "--ready-timeout", Long.toString(READY_TIMEOUT.toSeconds()));
        assertThat(healed.code()).as(healed.toString()).isZero();
        List<ProcessRecord> after = recorded();
        assertThat(after).filteredOn(p -> !p.name().equals(victim.name()))
                .isEqualTo(started.stream().filter(p -> !p.name().equals(victim.name())).toList());
        ProcessRecord restarted = after.stream().filter(p -> p.name().equals(victim.name())).findFirst().orElseThrow();
        assertThat(restarted.pid()).isNotEqualTo(victim.pid());
        assertThat(ProcessLiveness.isAlive(restarted)).as(restarted.name()).isTrue();
        assertThat(restarted.restarts()).isEqualTo(1);
        Result healthy = cli("status");
        assertThat(healthy.code()).as(healthy.toString()).isZero();

        Result down = cli("down");
        assertThat(down.code()).as(down.toString()).isZero();
        // Gone for good: not merely "not our engine" but no live process with that pid (or a pid since reused).
        assertThat(started).allSatisfy(p -> assertThat(ProcessLiveness.isAlive(p)).as(p.name()).isFalse());
        assertThat(ProcessLiveness.isAlive(restarted)).isFalse();
        assertThat(processesUsing(runDir)).as("processes whose command line mentions the run dir").isEmpty();
        assertThat(StateStore.in(runDir).read()).isEmpty();
        assertThat(cli("down").code()).isZero();
    }

    /**
     * {@code citadel migrate} as a Kubernetes Job runs it: nothing but flags and secret files (no run directory, no
     * topology). The schema lands, each service role logs in with its own password and holds its profile's grants
     * only, and a second run changes nothing.
     */
    private static void migrateWorksFromSettingsAndSecretFilesAlone() throws Exception {
        CassandraAccess cassandra = DataTier.attach(runDir).cassandra();
        Path secrets = Files.createDirectories(work.resolve("migrate-secrets-" + System.nanoTime()));
        Files.writeString(secrets.resolve("username"), cassandra.adminUsername() + "\n");
        Files.writeString(secrets.resolve("password"), cassandra.adminPassword().reveal() + "\n");
        Path roles = Files.createDirectories(secrets.resolve("roles"));
        Files.writeString(roles.resolve("catalog_api_r9"), "api-password-0123456789");
        Files.writeString(roles.resolve("health_service_r9"), "health-password-0123456789");
        Path ca = secrets.resolve("ca.crt");
        KeyStore trust = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(cassandra.trustStore())) {
            trust.load(in, cassandra.trustStorePassword().revealChars());
        }
        StringBuilder pem = new StringBuilder();
        for (String alias : Collections.list(trust.aliases())) {
            pem.append("-----BEGIN CERTIFICATE-----\n")
                    .append(Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(trust.getCertificate(alias).getEncoded()))
                    .append("\n-----END CERTIFICATE-----\n");
        }
        Files.writeString(ca, pem);
        String dc = cassandra.dataCenters().get(0);
        var point = cassandra.contactPoints(dc).get(0);
        List<String> argv = List.of("--contact-point", point.getHostString() + ":" + point.getPort(), "--local-dc", dc,
                "--replication", String.join(",", cassandra.dataCenters().stream().map(d -> d + "=1").toList()),
                "--username-file", secrets.resolve("username").toString(),
                "--password-file", secrets.resolve("password").toString(), "--ca-certificate", ca.toString(),
                "--roles-dir", roles.toString(), "--role", "catalog_api_r9=API", "--role", "health_service_r9=HEALTH");

        Result first = cliAlone("migrate", argv);
        assertThat(first.code()).as(first.toString()).isZero();
        assertThat(first.out()).contains("schema: version", "role catalog_api_r9: API", "role health_service_r9: HEALTH");
        assertThat(first.out() + first.err()).doesNotContain(cassandra.adminPassword().reveal())
                .doesNotContain("api-password-0123456789");
        try (CqlSession api = cassandra.session(dc, "catalog_api_r9", Secret.of("api-password-0123456789"))) {
            assertThat(api.execute("SELECT id FROM citadel_catalog.items LIMIT 1")).isNotNull();
            assertThatThrownBy(() -> api.execute("DELETE FROM citadel_catalog.comments_by_id"
                    + " WHERE item_id = 00000000-0000-0000-0000-000000000000"))
                    .as("comments are the processor's to write").hasMessageContaining("permission");
        }
        Result second = cliAlone("migrate", argv);
        assertThat(second.code()).as(second.toString()).isZero();
        assertThat(second.out()).contains("already current");
        Result schemaOnly = cliAlone("migrate", argv.subList(0, argv.size() - 4));
        assertThat(schemaOnly.code()).as(schemaOnly.toString()).isZero();
        Result missingRoleFile = cliAlone("migrate", Stream.concat(argv.stream(),
                Stream.of("--role", "web_ui_r9=API")).toList());
        assertThat(missingRoleFile.code()).as(missingRoleFile.toString()).isEqualTo(ExitCode.USAGE);
        assertThat(missingRoleFile.err()).contains("web_ui_r9");
    }

    private static List<String> processesUsing(Path dir) {
        return ProcessHandle.allProcesses()
                .filter(ProcessHandle::isAlive)
                .map(h -> h.pid() + " " + h.info().commandLine().orElse(""))
                .filter(cmd -> cmd.contains(dir.toString()))
                .toList();
    }

    private static List<ProcessRecord> recorded() {
        return StateStore.in(runDir).read().orElseThrow().processes();
    }

    private record Result(int code, String out, String err) {
        @Override
        public String toString() {
            return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    /** Runs the packaged CLI; its output goes to files, never pipes, as the engines it starts must outlive it. */
    private static Result cli(String command, String... options) throws Exception {
        List<String> argv = new ArrayList<>(List.of("--topology", topology.toString(), "--run-dir", runDir.toString()));
        argv.addAll(List.of(options));
        return cliAlone(command, argv);
    }

    /** The same, with only the given options (no topology, no run directory). */
    private static Result cliAlone(String command, List<String> options) throws Exception {
        List<String> argv = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", Path.of("target", "citadel-cli.jar").toAbsolutePath().toString(), command));
        argv.addAll(options);
        Path out = Files.createTempFile(work, command + "-", ".out");
        Path err = Files.createTempFile(work, command + "-", ".err");
        Process process = new ProcessBuilder(argv).redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        if (!process.waitFor(CLI_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("citadel " + command + " did not finish within " + CLI_TIMEOUT);
        }
        return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    /** Both held open while chosen: a closed socket's port can come back at once, and two JMX ports must differ. */
    private static int[] twoFreeLocalPorts() throws IOException {
        try (ServerSocket first = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             ServerSocket second = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return new int[] {first.getLocalPort(), second.getLocalPort()};
        }
    }
}
