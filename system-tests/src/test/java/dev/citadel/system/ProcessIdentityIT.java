package dev.citadel.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Where {@code up} runs as root, every engine and service of the topology runs as its own account, and file modes
 * then keep each one out of the others' secrets and out of the CAs' keys. Checked on the live processes and by
 * reading files as those accounts.
 */
class ProcessIdentityIT {

    private static final String MARKER = "-Dcitadel.engine=";
    private static RunningCitadel citadel;

    @BeforeAll
    static void start() {
        citadel = RunningCitadel.get();
    }

    @Test
    void everyEngineAndServiceRunsAsItsOwnUnprivilegedAccount() throws Exception {
        Assumptions.assumeTrue(effectiveUid(Path.of("/proc/self/status")) == 0,
                "up ran without root: " + firstLine(citadel.upOutput()));
        // An earlier test may have a service restarting right now: give the supervisor time to bring it back.
        Map<String, Integer> uids = componentUids();
        for (int i = 0; i < 60 && uids.size() < 15; i++) {
            Thread.sleep(2000);
            uids = componentUids();
        }

        // 2 Cassandra nodes, 2 brokers, 5 services per stamp, the edge.
        assertThat(uids.keySet()).contains("cassandra-region1", "cassandra-region2", "kafka-region1", "kafka-region2",
                "catalog-api-region1", "background-processor-region2", "health-service-region1", "web-ui-region2",
                "egress-firewall-region1", "edge").hasSize(15);
        assertThat(uids.values()).doesNotContain(0).doesNotHaveDuplicates();
        assertThat(userName(uids.get("cassandra-region1"))).isEqualTo("citadel-cassandra-region1");
        assertThat(userName(uids.get("catalog-api-region2"))).isEqualTo("citadel-catalog-api-region2");
        assertThat(userName(uids.get("edge"))).isEqualTo("citadel-edge");
    }

    @Test
    void aServiceReadsItsOwnSecretsButNoOtherServicesNorTheCaKeys() throws Exception {
        Assumptions.assumeTrue(effectiveUid(Path.of("/proc/self/status")) == 0, "up ran without root");
        Path run = citadel.runDir();
        Path catalogSecret = run.resolve("stamps/region1/catalog-api/secrets/cassandra-password");
        assertThat(catalogSecret).isRegularFile();

        assertThat(readsAs("citadel-catalog-api-region1", catalogSecret)).as("its own secret").isTrue();
        assertThat(readsAs("citadel-web-ui-region1", catalogSecret)).as("web-ui, same stamp").isFalse();
        assertThat(readsAs("citadel-catalog-api-region2", catalogSecret)).as("catalog-api of another stamp").isFalse();
        assertThat(readsAs("citadel-edge", run.resolve("stamps/region1/health-service/secrets/cassandra-password")))
                .isFalse();
        for (String key : List.of("pki/ca/ca.key", "pki/edge-ca/ca.key", "pki/operator-ca/ca.key", "pki/operator/operator.key",
                "secrets/cassandra-admin-password", "secrets/kafka-admin-password", "secrets/release-api-key")) {
            assertThat(run.resolve(key)).as(key).exists();
            assertThat(readsAs("citadel-catalog-api-region1", run.resolve(key))).as(key).isFalse();
            assertThat(readsAs("citadel-cassandra-region1", run.resolve(key))).as(key).isFalse();
        }
        // Shared public material stays readable: the installation CA's certificate.
        assertThat(readsAs("citadel-web-ui-region2", run.resolve("pki/ca/ca.crt"))).isTrue();
    }

    @Test
    void eachEngineOwnsItsDataAndItsJmxPasswordFileAlone() throws Exception {
        Assumptions.assumeTrue(effectiveUid(Path.of("/proc/self/status")) == 0, "up ran without root");
        Path jmx = citadel.runDir().resolve("nodes/cassandra-region1/jmx/jmx.password");
        Path kafkaConfig = citadel.runDir().resolve("nodes/kafka-region1/conf/server.properties");

        assertThat(Files.getOwner(jmx, LinkOption.NOFOLLOW_LINKS).getName()).isEqualTo("citadel-cassandra-region1");
        assertThat(Files.getPosixFilePermissions(jmx)).hasSize(2); // rw-------
        assertThat(readsAs("citadel-cassandra-region2", jmx)).isFalse();
        assertThat(Files.getOwner(kafkaConfig, LinkOption.NOFOLLOW_LINKS).getName()).isEqualTo("citadel-kafka-region1");
        assertThat(readsAs("citadel-kafka-region2", kafkaConfig)).isFalse();
        assertThat(readsAs("citadel-cassandra-region1", kafkaConfig)).isFalse();
    }

    @Test
    void upSaysWhatItCannotSeparateOnlyWhenItRunsWithoutRoot() throws IOException {
        boolean root = effectiveUid(Path.of("/proc/self/status")) == 0;

        assertThat(citadel.upOutput().contains("not root: every engine and service runs as this user")).isEqualTo(!root);
    }

    /** Component name (its marker) → effective uid, for the live processes of this run directory. */
    private static Map<String, Integer> componentUids() throws IOException {
        Map<String, Integer> uids = new TreeMap<>();
        String runDir = citadel.runDir().toString();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path proc : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                String cmdline;
                try {
                    cmdline = new String(Files.readAllBytes(proc.resolve("cmdline")), StandardCharsets.UTF_8)
                            .replace('\0', ' ');
                } catch (IOException e) {
                    continue; // exited meanwhile
                }
                int at = cmdline.indexOf(MARKER);
                if (at < 0 || !cmdline.contains(runDir)) {
                    continue;
                }
                String name = cmdline.substring(at + MARKER.length()).split(" ")[0];
                if (!name.equals("citadel-supervisor")) {
                    uids.put(name, effectiveUid(proc.resolve("status")));
                }
            }
        }
        return uids;
    }

    private static int effectiveUid(Path status) throws IOException {
        return Files.readAllLines(status).stream().filter(l -> l.startsWith("Uid:"))
                .map(l -> Integer.parseInt(l.substring(4).trim().split("\\s+")[1])).findFirst().orElseThrow();
    }

    private static String userName(int uid) throws Exception {
        Process p = new ProcessBuilder("id", "-nu", Integer.toString(uid)).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        p.waitFor(10, TimeUnit.SECONDS);
        return out;
    }

    /** Whether {@code user} can open {@code file} for reading; the content is discarded, never printed. */
    private static boolean readsAs(String user, Path file) throws Exception {
        Process p = new ProcessBuilder("setpriv", "--reuid=" + user, "--regid=" + user, "--clear-groups", "--",
                "head", "-c", "1", file.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("reading " + file + " as " + user + " hung");
        }
        return p.exitValue() == 0;
    }

    private static String firstLine(String text) {
        return text.lines().findFirst().orElse("");
    }
}
