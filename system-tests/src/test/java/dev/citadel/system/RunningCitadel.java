package dev.citadel.system;

import dev.citadel.platform.pki.KeyStores;
import dev.citadel.platform.pki.Pem;
import dev.citadel.platform.pki.Secret;
import dev.citadel.platform.pki.SecretDirectory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The whole Citadel topology, started ONCE per test JVM by the real CLI ({@code citadel up}, the packaged jar as a
 * separate process) on the system tests' own topology ({@code system-topology.yaml}: 127.0.21.x / 127.0.22.x, edge
 * on 127.0.0.1:18743), and stopped by {@code citadel down} from a JVM shutdown hook. Tests talk to it as an internet
 * client would (through the edge: {@link #edgeUri}, {@link #sslContext}) or as the operator (management side:
 * {@link #managementUri}, {@link #operatorSslContext}, {@link #cli}).
 *
 * <pre>{@code
 * RunningCitadel citadel = RunningCitadel.get();
 * HttpClient http = HttpClient.newBuilder().sslContext(citadel.sslContext()).build();
 * http.send(HttpRequest.newBuilder(citadel.edgeUri("/api/1.0/catalogitem")).build(), ofString());
 * }</pre>
 */
public final class RunningCitadel {

    /** Generous: on the shared 2-core machine a cold start (two Cassandra DCs, two brokers, 9 JVMs) took ~9 min. */
    static final Duration UP_TIMEOUT = Duration.ofMinutes(25);
    static final String EDGE_HOST = "127.0.0.1";
    static final int EDGE_PORT = 18743;
    static final int EDGE_MANAGEMENT_PORT = 18744;
    static final List<String> REGIONS = List.of("region1", "region2");
    /** Service → last octet of its address in the region's /24 (the topology's defaults). */
    static final Map<String, Integer> HOSTS = Map.of("catalog-api", 31, "background-processor", 32,
            "health-service", 33, "web-ui", 34);

    private static volatile RunningCitadel instance;

    private final Path home;
    private final Path runDir;
    private final Path topology;
    private final Path cliJar;
    private final String upOutput;

    private RunningCitadel(Path home, Path runDir, Path topology, String upOutput) {
        this.home = home;
        this.runDir = runDir;
        this.topology = topology;
        this.cliJar = home.resolve("deploy/local/citadel-cli/target/citadel-cli.jar");
        this.upOutput = upOutput;
    }

    /** The shared topology; the first call starts it (minutes), later calls return at once. */
    public static RunningCitadel get() {
        RunningCitadel result = instance;
        if (result == null) {
            synchronized (RunningCitadel.class) {
                result = instance;
                if (result == null) {
                    instance = result = start();
                }
            }
        }
        return result;
    }

    private static RunningCitadel start() {
        Path home = Path.of(System.getProperty("citadel.home", "..")).toAbsolutePath().normalize();
        Path runDir = Path.of(System.getProperty("citadel.run-dir", "target/citadel-run")).toAbsolutePath().normalize();
        Path topology = runDir.resolveSibling("system-topology.yaml");
        try (InputStream in = RunningCitadel.class.getResourceAsStream("/system-topology.yaml")) {
            Files.createDirectories(runDir.getParent());
            Files.write(topology, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        RunningCitadel citadel = new RunningCitadel(home, runDir, topology, "");
        if (!Files.isRegularFile(citadel.cliJar)) {
            throw new IllegalStateException(citadel.cliJar + " is missing: build first with `./citadel --build`");
        }
        // -Dcitadel.keep-running=true (iterating on tests): reuse a running topology (`up` then starts nothing) and
        // leave it running at the end; stop it with the CLI's `down` and the same --topology/--run-dir.
        if (!Boolean.getBoolean("citadel.keep-running")) {
            // A previous run killed before its hook ran: clean up first, so `up` does not find its leftovers.
            citadel.cli("down");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> citadel.cli("down"), "citadel-down"));
        }
        Instant start = Instant.now();
        CliResult up = citadel.cli(UP_TIMEOUT, "up", "--ready-timeout", "900");
        if (up.code() != 0) {
            throw new IllegalStateException("citadel up failed: " + up);
        }
        System.out.printf("citadel up took %d s%n%s%n", Duration.between(start, Instant.now()).toSeconds(), up.output());
        return new RunningCitadel(home, runDir, topology, up.output());
    }

    /** The output of the {@code up} that started this topology (progress lines and status table). */
    public String upOutput() {
        return upOutput;
    }

    public List<String> regions() {
        return REGIONS;
    }

    public Path runDir() {
        return runDir;
    }

    /** A URL on the edge's public listener, e.g. {@code edgeUri("/api/1.0/catalogitem")}. */
    public URI edgeUri(String path) {
        return URI.create("https://" + EDGE_HOST + ":" + EDGE_PORT + path);
    }

    /** A URL on a stamp's health-service management port (operator certificate required), e.g. the rotation switch. */
    public URI managementUri(String region, String path) {
        return managementUri(region, "health-service", path);
    }

    /** A URL on the management port of one service of a stamp ({@code catalog-api}, {@code web-ui}, ...). */
    public URI managementUri(String region, String service, String path) {
        Integer host = HOSTS.get(service);
        if (host == null || !REGIONS.contains(region)) {
            throw new IllegalArgumentException("no " + service + " in " + region + "; services: " + HOSTS.keySet());
        }
        return URI.create("https://127.0.2" + (REGIONS.indexOf(region) + 1) + "." + host + ":9443" + path);
    }

    /**
     * A URL on the public (edge-facing) port of one service of a stamp, bypassing the edge: only the edge's client
     * certificate ({@link #edgeClientSslContext}) with the stamp's edge id header ({@link #edgeId}) gets in. For tests that
     * must pin a stamp for writes (the edge spreads them).
     */
    public URI stampUri(String region, String service, String path) {
        URI management = managementUri(region, service, path);
        return URI.create("https://" + management.getHost() + ":8443" + path);
    }

    /** The edge's client certificate towards the stamps (mTLS "private link"), trusting the installation CA. */
    public SSLContext edgeClientSslContext() {
        Path dir = runDir.resolve("edge/tls/client");
        try {
            X509Certificate certificate = Pem.parseCertificate(Files.readString(dir.resolve("edge.crt")));
            PrivateKey key = Pem.parsePrivateKey(Files.readString(dir.resolve("edge.key")),
                    certificate.getPublicKey().getAlgorithm());
            return clientSslContext(key, certificate);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A client presenting this certificate, trusting the run's CA (every server certificate). */
    public SSLContext clientSslContext(PrivateKey key, X509Certificate certificate) {
        try {
            Secret password = Secret.of("in-memory-only");
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("client", key, password.revealChars(), new Certificate[] {certificate});
            return context(store, password);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The edge id a stamp requires in {@code X-Edge-Id} next to the edge's client certificate: one per stamp. */
    public String edgeId(String region) {
        return SecretDirectory.open(runDir.resolve("stamps/" + region + "/catalog-api/secrets")).read("edge-id")
                .orElseThrow().reveal();
    }

    /** A URL on the edge's admin listener (operator certificate required), e.g. {@code /origins}. */
    public URI edgeManagementUri(String path) {
        return URI.create("https://" + EDGE_HOST + ":" + EDGE_MANAGEMENT_PORT + path);
    }

    /** Trusts the installation CA: what an internet client needs to talk to the edge. */
    public SSLContext sslContext() {
        return context(null, null);
    }

    /** The operator's client certificate, trusting the installation CA: for the management side. */
    public SSLContext operatorSslContext() {
        Path dir = runDir.resolve("pki/operator");
        Secret password = SecretDirectory.open(dir).read("store.password").orElseThrow();
        return context(KeyStores.load(dir.resolve("keystore.p12"), password), password);
    }

    /** A stamp's metrics scraper identity ({@code CN=scraper.<region>}, health-service's): metrics and health only. */
    public SSLContext scraperSslContext(String region) {
        Path dir = runDir.resolve("stamps/" + region + "/health-service/tls/scraper");
        Secret password = SecretDirectory.open(dir).read("store.password").orElseThrow();
        return context(KeyStores.load(dir.resolve("keystore.p12"), password), password);
    }

    /** The release's API key ({@code X-API-KEY}). */
    public String apiKey() {
        return SecretDirectory.open(runDir.resolve("secrets")).read("release-api-key").orElseThrow().reveal();
    }

    /** Runs the CLI against this topology (its topology file and run directory); waits up to 10 minutes. */
    public CliResult cli(String... args) {
        return cli(Duration.ofMinutes(10), args);
    }

    CliResult cli(Duration timeout, String... args) {
        List<String> argv = new ArrayList<>(List.of(javaExecutable(), "-jar", cliJar.toString()));
        argv.addAll(List.of(args));
        argv.addAll(List.of("--topology", topology.toString(), "--run-dir", runDir.toString(), "--home", home.toString()));
        try {
            Path output = Files.createTempFile("citadel-cli", ".out");
            try {
                Process process = new ProcessBuilder(argv).redirectErrorStream(true)
                        .redirectOutput(output.toFile()).start();
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    return new CliResult(-1, Files.readString(output, StandardCharsets.UTF_8) + "\n(timed out)");
                }
                return new CliResult(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running citadel " + String.join(" ", args), e);
        }
    }

    /** Exit code and combined stdout/stderr of one CLI run. */
    public record CliResult(int code, String output) {

        @Override
        public String toString() {
            return "exit " + code + ":\n" + output;
        }
    }

    private SSLContext context(KeyStore keys, Secret password) {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("citadel-ca", Pem.parseCertificate(Files.readString(runDir.resolve("pki/ca/ca.crt"))));
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            KeyManagerFactory kmf = null;
            if (keys != null) {
                kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(keys, password.revealChars());
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
            return context;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
