package dev.citadel.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole Citadel inside its network zones (root only; skipped with the reason otherwise): {@code up --isolated}
 * becomes ready with every engine and service in its namespace and the CLI in the management zone; {@code check
 * network} finds every flow as designed with everything running; an internet client (curl inside the internet zone)
 * reads the catalog through the edge; an item whose image lives on a web server in the internet zone is fetched
 * through the stamp's egress firewall, one whose image URL names the data zone's Cassandra is refused (422); {@code
 * down} leaves no namespace. Its own run directory, topology ({@code isolated-topology.yaml}) and namespace prefix
 * ({@code citsys}); it binds nothing in the root namespace, so it does not clash with a loopback topology's addresses.
 * It runs first among the system tests ({@code @Order} with the class orderer of {@code junit-platform.properties}),
 * before anything starts the shared {@link RunningCitadel}: the two whole Citadels never share the machine. Whatever
 * happens, {@link #down()} leaves no namespace, process or run of it behind. By hand, hold the heavy lock.
 */
@Order(1)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IsolatedCitadelIT {

    private static final String PREFIX = "citsys";
    private static final String INTERNET = PREFIX + "-internet";
    /** The plan's addresses (NetworkPlan): the edge zone's .10, the internet's web server .80, region1's data .10. */
    private static final String EDGE = "https://198.18.2.10:8443";
    private static final String WEB_HOST = "198.18.1.80";
    private static final String CASSANDRA_REGION1 = "198.18.11.10";
    private static final String ITEMS = "/api/1.0/catalogitem";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static Path home;
    private static Path runDir;
    private static Path topology;
    private static Path cliJar;
    private static Process webServer;
    private static Path webLog;
    private static byte[] png;

    @BeforeAll
    static void upIsolated() throws Exception {
        // On by default; -Dcitadel.isolated-it=false leaves it out when iterating on the other system tests.
        assumeTrue(Boolean.parseBoolean(System.getProperty("citadel.isolated-it", "true")),
                "left out with -Dcitadel.isolated-it=false");
        assumeTrue(isRoot(), "isolated mode creates network namespaces and nftables rules, which needs root");
        for (String tool : List.of("ip", "nft", "curl")) {
            assumeTrue(onPath(tool), tool + " is not installed (.ci/install-prerequisites installs it)");
        }
        assumeTrue(Files.isExecutable(Path.of(python())) || onPath("python3"),
                "python3 (the internet zone's web server) is not installed");
        home = Path.of(System.getProperty("citadel.home", "..")).toAbsolutePath().normalize();
        Path target = Path.of("target").toAbsolutePath();
        runDir = target.resolve("citadel-isolated-run");
        topology = target.resolve("isolated-topology.yaml");
        cliJar = home.resolve("deploy/local/citadel-cli/target/citadel-cli.jar");
        try (InputStream in = IsolatedCitadelIT.class.getResourceAsStream("/isolated-topology.yaml")) {
            Files.createDirectories(target);
            Files.write(topology, in.readAllBytes());
        }
        cli(Duration.ofMinutes(5), "down");
        Instant start = Instant.now();
        Result up = cli(Duration.ofMinutes(25), "up", "--isolated", "--netns-prefix", PREFIX, "--ready-timeout", "900");
        long seconds = Duration.between(start, Instant.now()).toSeconds();
        assertThat(up.code()).as(up.output()).isZero();
        System.out.printf("up --isolated took %d s%n%s%n", seconds, up.output());
        png = onePixelPng();
        Path www = target.resolve("isolated-www");
        Files.createDirectories(www);
        Files.write(www.resolve("ok.png"), png);
        // The web server runs as root in the internet zone: whatever it serves must be nothing else of the run.
        webLog = target.resolve("isolated-www.log");
        webServer = new ProcessBuilder("ip", "netns", "exec", INTERNET, python(), "-m", "http.server", "80", "--bind",
                WEB_HOST, "--directory", www.toString()).redirectErrorStream(true)
                .redirectOutput(webLog.toFile()).start();
        // Listening once a GET from its own zone answers.
        Instant deadline = Instant.now().plusSeconds(30);
        while (!inInternet("curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "http://" + WEB_HOST + "/ok.png")
                .output().equals("200")) {
            assertThat(Instant.now()).as("web server in " + INTERNET + " did not start; " + Files.readString(webLog))
                    .isBefore(deadline);
            Thread.sleep(200);
        }
    }

    /**
     * {@code down}, then proof that nothing is left: no namespace of the prefix, no process of the run directory, no
     * nftables table in the root namespace. Should {@code down} fail, what it left is removed here (namespaces
     * deleted, this run's processes killed) before the test fails, so a failed run cannot strand a Citadel.
     */
    @AfterAll
    static void down() throws Exception {
        if (webServer != null) {
            webServer.destroy();
            if (!webServer.waitFor(10, TimeUnit.SECONDS)) {
                webServer.destroyForcibly();
            }
        }
        if (runDir == null) {
            return;
        }
        Result down = cli(Duration.ofMinutes(5), "down");
        Instant deadline = Instant.now().plusSeconds(30);
        while (!processesOfThisRun().isEmpty() && Instant.now().isBefore(deadline)) {
            Thread.sleep(500);
        }
        List<String> namespacesLeft = namespaces();
        List<String> processesLeft = processesOfThisRun().stream().map(ProcessHandle::toString).toList();
        namespacesLeft.forEach(ns -> run(List.of("ip", "netns", "delete", ns), Duration.ofSeconds(30)));
        processesOfThisRun().forEach(ProcessHandle::destroyForcibly);
        String tables = run(List.of("nft", "list", "tables"), Duration.ofSeconds(30)).output();

        assertThat(down.code()).as(down.output()).isZero();
        assertThat(namespacesLeft).as("namespaces left by down").isEmpty();
        assertThat(processesLeft).as("processes of " + runDir + " left by down").isEmpty();
        assertThat(tables).as("nftables tables in the root namespace").doesNotContain("citadel");
    }

    @Test
    @Order(1)
    void everyFlowIsAsDesignedWithEverythingRunning() throws Exception {
        Result check = cli(Duration.ofMinutes(5), "check", "network");

        assertThat(check.code()).as(check.output()).isZero();
        assertThat(check.output().lines()).noneMatch(l -> l.startsWith("SURPRISE"));
        assertThat(cells(check.output(), "REACHED!") + cells(check.output(), "BLOCKED!")).isZero();
        Matcher total = Pattern.compile("(?m)^(\\d+)/(\\d+) flows as designed$").matcher(check.output());
        assertThat(total.find()).as(check.output()).isTrue();
        assertThat(total.group(1)).isEqualTo(total.group(2));
        long open = cells(check.output(), "open");
        long closed = cells(check.output(), "-");
        assertThat(open + closed).isEqualTo(Long.parseLong(total.group(2)));
        System.out.printf("check network with everything running: %s/%s as designed, %d open, %d closed, 0 surprises%n",
                total.group(1), total.group(2), open, closed);
    }

    @Test
    @Order(2)
    void statusFromTheRootNamespaceShowsEveryComponentAtItsZonesAddress() throws Exception {
        Result status = cli(Duration.ofMinutes(2), "status");

        assertThat(status.code()).as(status.output()).isZero();
        assertThat(status.output()).contains("cassandra-region1", "kafka-region2", "catalog-api-region1", "edge",
                "198.18.11.10", "198.18.2.10").doesNotContain("127.0.1.10");
    }

    @Test
    @Order(3)
    void anInternetClientReadsTheCatalogThroughTheEdge() throws Exception {
        Result get = inInternet("curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "--cacert", ca(), EDGE + ITEMS);
        assertThat(get.output()).isEqualTo("200");

        // The latency an internet client sees through the router and the edge: 300 GETs on one kept-alive
        // connection (the request alone), then 50 each on a new connection (TCP and TLS handshakes included).
        double[] kept = latencies(true, 300);
        double[] fresh = latencies(false, 50);
        System.out.printf("GET %s from %s through the edge: kept-alive n=%d mean %.1f ms p99 %.1f ms; "
                        + "new connection n=%d mean %.1f ms p99 %.1f ms%n", ITEMS, INTERNET, kept.length, mean(kept),
                percentile(kept, 99), fresh.length, mean(fresh), percentile(fresh, 99));
    }

    @Test
    @Order(4)
    void anImageOnTheInternetIsFetchedThroughTheEgressFirewall() throws Exception {
        Result created = createItem("http://web.citadel.test/ok.png");
        assertThat(created.code()).as(created.output()).isEqualTo(201);
        String id = JSON.readTree(created.output()).path("id").asString();

        Path image = runDir.resolve("fetched-" + id + ".png");
        Result fetched = inInternet("curl", "-s", "-o", image.toString(), "-w", "%{http_code} %{content_type}",
                "--cacert", ca(), EDGE + "/images/" + id);
        assertThat(fetched.output()).isEqualTo("200 image/png");
        assertThat(Files.readAllBytes(image)).isEqualTo(png);
        // From the egress firewall's own zone: nothing else may reach the internet.
        assertThat(Files.readString(webLog).lines()).anyMatch(l -> l.matches("198\\.18\\.[12]2\\.40 .*GET /ok\\.png.*"));
    }

    @Test
    @Order(5)
    void anImageUrlNamingTheDataZoneIsRefused() throws Exception {
        // A bare address: the edge's WAF refuses it already (a URL argument naming an IP, CRS 931100).
        Result bare = createItem("http://" + CASSANDRA_REGION1 + ":9042/x.png");
        // A name allow-listed for catalog-api that resolves into the data zone: past the WAF, the stamp's egress
        // firewall refuses the special-purpose address it resolves to.
        Result named = createItem("http://cassandra.citadel.test:9042/y.png");

        assertThat(bare.code()).as(bare.output()).isIn(400, 403, 422);
        assertThat(named.code()).as(named.output()).isIn(400, 422);
        for (Result refused : List.of(bare, named)) {
            assertThat(refused.contentType()).as(refused.output()).startsWith("application/problem+json");
            assertThat(JSON.readTree(refused.output()).path("status").asInt()).isEqualTo(refused.code());
        }
        assertThat(Files.readString(webLog)).doesNotContain("/x.png", "/y.png");
    }

    // --- helpers ----------------------------------------------------------------------------------------------

    /** POST through the edge from the internet zone; the API key goes in a header file, not on a command line. */
    private static Result createItem(String imageUrl) throws Exception {
        Path headers = runDir.resolve("isolated-it-headers");
        String key = Files.readString(runDir.resolve("secrets/release-api-key")).strip();
        Files.writeString(headers, "X-API-KEY: " + key + "\nContent-Type: application/json\n");
        String body = "{\"name\":\"Isolated " + UUID.randomUUID() + "\",\"description\":\"x\",\"imageUrl\":"
                + JSON.writeValueAsString(imageUrl) + ",\"price\":1.00}";
        try {
            Result r = inInternet("curl", "-s", "-w", "\n%{http_code} %{content_type}", "--cacert", ca(), "-H",
                    "@" + headers, "--data-binary", body, EDGE + ITEMS);
            String out = r.output();
            int split = out.lastIndexOf('\n');
            String[] codeAndType = out.substring(split + 1).strip().split(" ", 2);
            return new Result(Integer.parseInt(codeAndType[0]), out.substring(0, Math.max(split, 0)),
                    codeAndType.length > 1 ? codeAndType[1] : "");
        } finally {
            Files.deleteIfExists(headers);
        }
    }

    /**
     * {@code count} GETs of the catalog from the internet zone, each one's total time in ms: all on one connection
     * ({@code keepAlive}: one curl, the URL repeated) or each on its own (one curl per GET).
     */
    private static double[] latencies(boolean keepAlive, int count) throws Exception {
        String url = EDGE + ITEMS;
        String script = keepAlive
                ? "curl -s --cacert " + ca() + " -w '\\n@@ %{http_code} %{time_total}\\n' $(for i in $(seq " + count
                        + "); do printf '%s ' '" + url + "'; done)"
                : "for i in $(seq " + count + "); do curl -s -o /dev/null --cacert " + ca()
                        + " -w '\\n@@ %{http_code} %{time_total}\\n' '" + url + "'; done";
        List<String[]> rows = inInternet("bash", "-c", script).output().lines().filter(l -> l.startsWith("@@ "))
                .map(l -> l.split(" ")).toList();
        assertThat(rows).hasSize(count).allSatisfy(r -> assertThat(r[1]).isEqualTo("200"));
        return rows.stream().mapToDouble(r -> Double.parseDouble(r[2]) * 1000).sorted().toArray();
    }

    private static double mean(double[] sorted) {
        return Arrays.stream(sorted).average().orElseThrow();
    }

    /** Nearest rank. */
    private static double percentile(double[] sorted, int p) {
        return sorted[Math.max(0, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    /** Cells of the matrix that say {@code value}: the rows between the header and the legend. */
    private static long cells(String matrix, String value) {
        List<String> lines = matrix.lines().toList();
        int header = lines.indexOf(lines.stream().filter(l -> l.startsWith("DESTINATION")).findFirst().orElseThrow());
        return lines.subList(header + 1, lines.size()).stream().takeWhile(l -> !l.startsWith("(columns"))
                .flatMap(l -> Arrays.stream(l.trim().split("\\s+"))).filter(value::equals).count();
    }

    /** Every live process whose command line names this run directory (engines, services, supervisor, CLI). */
    private static List<ProcessHandle> processesOfThisRun() {
        String dir = runDir.toString();
        return ProcessHandle.allProcesses().filter(p -> p.pid() != ProcessHandle.current().pid())
                .filter(p -> cmdline(p).contains(dir)).toList();
    }

    private static String cmdline(ProcessHandle p) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", Long.toString(p.pid()), "cmdline")),
                    StandardCharsets.UTF_8).replace('\0', ' ');
        } catch (IOException e) {
            return ""; // exited meanwhile
        }
    }

    private static boolean onPath(String tool) {
        return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(":"))
                .anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, tool)))
                || Files.isExecutable(Path.of("/usr/sbin", tool)) || Files.isExecutable(Path.of("/sbin", tool));
    }

    private static String ca() {
        return runDir.resolve("pki/ca/ca.crt").toString();
    }

    private static Result inInternet(String... command) throws Exception {
        List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", INTERNET));
        argv.addAll(Arrays.asList(command));
        return run(argv, Duration.ofMinutes(2));
    }

    private static Result cli(Duration timeout, String... args) throws Exception {
        List<String> argv = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-jar",
                cliJar.toString()));
        argv.addAll(Arrays.asList(args));
        argv.addAll(List.of("--topology", topology.toString(), "--run-dir", runDir.toString(), "--home",
                home.toString()));
        return run(argv, timeout);
    }

    private static Result run(List<String> argv, Duration timeout) {
        try {
            Path output = Files.createTempFile("isolated-it", ".out");
            try {
                Process process = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(output.toFile())
                        .start();
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    return new Result(-1, Files.readString(output) + "\n(timed out)");
                }
                return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8).strip());
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + argv, e);
        }
    }

    private static List<String> namespaces() throws IOException {
        Path dir = Path.of("/run/netns");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (var names = Files.list(dir)) {
            return names.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(PREFIX + "-")).toList();
        }
    }

    private static boolean isRoot() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("Uid:"))
                    .anyMatch(l -> l.split("\\s+")[2].equals("0"));
        } catch (IOException e) {
            return false;
        }
    }

    private static String python() {
        return Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
    }

    private static byte[] onePixelPng() {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB), "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record Result(int code, String output, String contentType) {
        Result(int code, String output) {
            this(code, output, "");
        }
    }
}
