package dev.citadel.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Isolated mode for real (root only): the packaged CLI builds the zones as network namespaces behind the nftables
 * router, {@code check network} sends real TCP connects across them, a rule added behind the CLI's back is caught,
 * and {@code down} leaves no namespace. Its own namespace prefix and run directory, so it cannot touch an operator's
 * isolated network; no engine runs, so it needs no heavy lock and takes seconds.
 */
class IsolatedNetworkIT {

    private static final String PREFIX = "citit";
    private static final Path NETNS = Path.of("/run/netns");
    private static final List<String> ZONES = List.of("router", "internet", "edge", "mgmt", "region1-app",
            "region1-data", "region1-egress", "region2-app", "region2-data", "region2-egress");
    private static final Pattern AS_DESIGNED = Pattern.compile("(?m)^(\\d+)/(\\d+) flows as designed$");
    private static Path work;
    private static Path topology;
    private static Path runDir;

    @BeforeAll
    static void onlyAsRoot() throws IOException {
        String uid = Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("Uid:"))
                .map(l -> l.split("\\s+")[2]).findFirst().orElse("?");
        assumeTrue(uid.equals("0"), "isolated mode creates network namespaces and nftables rules, which needs root; "
                + "these tests run as uid " + uid);
        work = Files.createDirectories(Path.of("target", "isolated-it").toAbsolutePath());
        runDir = Files.createTempDirectory(work, "run-");
        // Loopback addresses as in the default file: the isolated plan takes only the ports from the topology.
        topology = Files.writeString(runDir.resolve("topology.yaml"), """
                clusterName: isolated-it
                regions:
                  - name: region1
                    cassandra: {address: 127.0.1.10}
                    kafka: {address: 127.0.1.20}
                  - name: region2
                    cassandra: {address: 127.0.2.10, jmxPort: 7200}
                    kafka: {address: 127.0.2.20}
                """);
    }

    @AfterAll
    static void leaveNoNamespace() throws Exception {
        if (runDir != null) {
            cli("down");
            for (String ns : ours()) {
                new ProcessBuilder("ip", "netns", "delete", ns).inheritIO().start().waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void theZonesLetExactlyTheDesignedFlowsThroughAndDownRemovesThemAll() throws Exception {
        Result up = cli("up", "--isolated", "--network-only", "--netns-prefix", PREFIX);
        assertThat(up.code()).as(up.toString()).isZero();
        assertThat(up.out()).contains("isolated network up: 9 zones");
        assertEveryNamespaceExists();

        Result check = cli("check", "network");
        assertThat(check.code()).as(check.toString()).isZero();
        int flows = allAsDesigned(check.out());
        // 9 zones, 33 sockets: every socket from each of the 8 zones it is not in.
        assertThat(flows).isEqualTo(33 * 8);
        assertThat(row(check.out(), "edge edge public")).startsWith("open");
        assertThat(row(check.out(), "region1-app catalog-api-region1 public")).startsWith("-  ");

        // The same verdicts by hand, one designed and one denied flow: a reset from the host vs the router's reject.
        assertThat(connect("internet", "198.18.2.10", 8443)).contains("Connection refused");
        assertThat(connect("internet", "198.18.10.31", 8443)).contains("No route to host");
        assertThat(connect("region1-app", "198.18.1.80", 443)).contains("No route to host");
        assertThat(connect("region1-egress", "198.18.1.80", 443)).contains("Connection refused");

        // A rule added behind the CLI's back (the app zone straight to the internet) is a surprise.
        assertEveryNamespaceExists();
        ip("netns", "exec", PREFIX + "-router", "nft", "insert", "rule", "ip", "citadel", "forward", "ip", "saddr",
                "198.18.10.0/24", "ip", "daddr", "198.18.1.0/24", "accept");
        Result leaky = cli("check", "network");
        assertThat(leaky.code()).as(leaky.toString()).isEqualTo(ExitCode.FLOWS_NOT_AS_DESIGNED);
        assertThat(leaky.out()).contains(
                "SURPRISE region1-app -> web server https (198.18.1.80:443): designed denied, refused by the host",
                (flows - 2) + "/" + flows + " flows as designed");

        // `up` again replaces whatever is there, the tampered ruleset included.
        Result again = cli("up", "--isolated", "--network-only", "--netns-prefix", PREFIX);
        assertThat(again.code()).as(again.toString()).isZero();
        assertEveryNamespaceExists();
        assertThat(allAsDesigned(cli("check", "network").out())).isEqualTo(flows);

        // A half-built network (as a crashed `up` leaves it) is refused by check and removed by down.
        ip("netns", "delete", PREFIX + "-router");
        Result partial = cli("check", "network");
        assertThat(partial.code()).as(partial.toString()).isEqualTo(ExitCode.ISOLATION_UNAVAILABLE);
        assertThat(partial.err()).contains("missing namespaces " + PREFIX + "-router");
        Result down = cli("down");
        assertThat(down.code()).as(down.toString()).isZero();
        assertThat(down.out()).contains("removed the isolated network (9 namespaces " + PREFIX + "-*)");
        assertThat(ours()).isEmpty();
        assertThat(runDir.resolve("isolated-network")).doesNotExist();
        assertThat(ip("-o", "link", "show")).as("no veth end in the root namespace").doesNotContain("@" + PREFIX)
                .doesNotContainPattern("^\\d+: z\\d+[@:]");
        Result downAgain = cli("down");
        assertThat(downAgain.code()).as(downAgain.toString()).isZero();
    }

    @Test
    void anUnprivilegedUserIsToldWhyAndNothingIsMade() throws Exception {
        // As nobody (setpriv, util-linux), with the repository's own topology: nothing in this test's 0700 run dir.
        Path topologyFile = Path.of("..", "topology.yaml").toAbsolutePath().normalize();
        Process p = new ProcessBuilder("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                Path.of("target", "citadel-cli.jar").toAbsolutePath().toString(), "up", "--isolated", "--network-only",
                "--netns-prefix", "cititnobody", "--topology", topologyFile.toString(), "--run-dir",
                "/tmp/citadel-isolated-it-nobody").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isEqualTo(ExitCode.ISOLATION_UNAVAILABLE);
        assertThat(out).isEqualTo("citadel: isolated mode needs root: it creates network namespaces, veth pairs and "
                + "nftables rules. Run it as root, or run `up` without --isolated (loopback mode)\n");
        assertThat(Path.of("/tmp/citadel-isolated-it-nobody")).doesNotExist();
        try (Stream<Path> entries = Files.isDirectory(NETNS) ? Files.list(NETNS) : Stream.empty()) {
            assertThat(entries.map(e -> e.getFileName().toString())).noneMatch(n -> n.startsWith("cititnobody-"));
        }
    }

    private static void assertEveryNamespaceExists() {
        for (String zone : ZONES) {
            assertThat(NETNS.resolve(PREFIX + "-" + zone)).as("namespace " + PREFIX + "-" + zone).exists();
        }
    }

    private static int allAsDesigned(String out) {
        Matcher m = AS_DESIGNED.matcher(out);
        assertThat(m.find()).as(out).isTrue();
        assertThat(m.group(1)).as(out).isEqualTo(m.group(2));
        assertThat(out.stripTrailing()).endsWith(m.group());
        return Integer.parseInt(m.group(2));
    }

    /** The cells of a destination's row, from the first (internet) column on. */
    private static String row(String matrix, String destination) {
        String line = matrix.lines().filter(l -> l.startsWith(destination + " ")).findFirst().orElseThrow();
        return line.substring(line.indexOf(" 198.18.")).replaceFirst("^ \\S+\\s+", "");
    }

    private static String connect(String zone, String address, int port) throws Exception {
        assertThat(NETNS.resolve(PREFIX + "-" + zone)).exists();
        return ip("netns", "exec", PREFIX + "-" + zone, "bash", "-c",
                "timeout 3 bash -c 'exec 3<>/dev/tcp/" + address + "/" + port + "' 2>&1; echo exit $?");
    }

    private static List<String> ours() throws IOException {
        if (!Files.isDirectory(NETNS)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(NETNS)) {
            return entries.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(PREFIX + "-")).toList();
        }
    }

    private static String ip(String... args) throws Exception {
        List<String> argv = new ArrayList<>(List.of("ip"));
        argv.addAll(List.of(args));
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", argv) + "\n" + out).isZero();
        return out;
    }

    private record Result(int code, String out, String err) {
        @Override
        public String toString() {
            return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    private static Result cli(String... args) throws Exception {
        List<String> argv = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", Path.of("target", "citadel-cli.jar").toAbsolutePath().toString()));
        argv.addAll(List.of(args));
        argv.addAll(List.of("--topology", topology.toString(), "--run-dir", runDir.toString()));
        Path out = Files.createTempFile(work, args[0] + "-", ".out");
        Path err = Files.createTempFile(work, args[0] + "-", ".err");
        Process process = new ProcessBuilder(argv).redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("citadel " + String.join(" ", args) + " did not finish within 120 s");
        }
        return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
    }
}
