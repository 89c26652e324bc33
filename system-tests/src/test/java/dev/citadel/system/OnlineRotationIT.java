package dev.citadel.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.citadel.platform.pki.CertificateAuthority;
import dev.citadel.platform.pki.CertificateProfile;
import dev.citadel.platform.pki.IssuedCertificate;
import dev.citadel.platform.pki.Pem;
import java.nio.file.Files;
import java.nio.file.Path;

import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code citadel rotate} under load: keyed deletes (each sent with the operator's copy of the key as it is at that
 * moment, as a client that reads its key file would) and public GETs run through the edge while a secret is replaced.
 * <ul>
 *   <li>{@code api-key} with a 5 s overlap: no request fails, the new key works at every stamp and the old one is
 *   refused there. The operator's copy ends as the new key, which {@link RunningCitadel#apiKey()} re-reads, so later
 *   classes are unaffected.</li>
 *   <li>{@code service-certificates}: no request fails (the edge's connections and probes keep working through the
 *   reload), and every stamp's catalog-api presents a certificate it did not present before.</li>
 *   <li>{@code edge-certificates} then {@code egress-certificates}: no request fails while the edge swaps its public
 *   and client certificates (the browsers' and stamps' connections opened before keep theirs), the edge's public
 *   listener presents a new certificate, and every egress firewall presents its new one.</li>
 *   <li>{@code edge-ca} with a 2 s overlap: no request fails while the stamps trust old and new edge CA, the edge
 *   switches to its certificate from the new CA (its pooled connections opened with the old one are closed, not
 *   reused) and the stamps drop the old CA; afterwards the edge's certificate chains to the new CA, which every
 *   public listener accepts, and a certificate of the old CA is refused by each.</li>
 *   <li>{@code edge-id} with a 2 s overlap: no request fails while the stamps accept old and new and the edge
 *   switches; afterwards each stamp takes only its new id (which {@link RunningCitadel#edgeId} re-reads).</li>
 *   <li>{@code operator-ca} with a 2 s overlap: no request fails while every management listener (the stamps'
 *   services and egress firewalls, the edge's admin API) trusts old and new operator CA and the operator's and the
 *   scrapers' certificates are reissued; afterwards the operator's certificate from the new CA is taken by every
 *   management listener, each scraper reads its stamp's metrics with its new one, and a certificate of the old CA
 *   is refused by each.</li>
 * </ul>
 */
class OnlineRotationIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String ITEMS = "/api/1.0/catalogitem";

    private final RunningCitadel citadel = RunningCitadel.get();
    private final HttpClient internet = HttpClient.newBuilder().sslContext(citadel.sslContext())
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final HttpClient edge = HttpClient.newBuilder().sslContext(citadel.edgeClientSslContext())
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** What ran under load: the CLI's result, the outcomes by method and status, and every failure. */
    private record UnderLoad(RunningCitadel.CliResult cli, Map<String, AtomicInteger> outcomes, List<String> failures,
                             String commentPath) {}

    @Test
    void rotatesTheApiKeyUnderLoadWithoutAFailedRequest() throws Exception {
        String oldKey = citadel.apiKey();
        UnderLoad run = underLoad("rotate", "api-key", "--overlap", "5s");
        String commentPath = run.commentPath();

        String newKey = citadel.apiKey();
        assertThat(newKey).isNotEqualTo(oldKey);
        for (String region : citadel.regions()) {
            URI atStamp = citadel.stampUri(region, "catalog-api", commentPath);
            assertThat(send(edge, pinned(atStamp, region, newKey)).statusCode()).as("new key at " + region).isEqualTo(202);
            assertThat(send(edge, pinned(atStamp, region, oldKey)).statusCode()).as("old key at " + region).isEqualTo(401);
        }
        assertThat(delete(citadel.edgeUri(commentPath), oldKey).statusCode()).as("old key through the edge").isEqualTo(401);
    }

    @Test
    void rotatesTheServiceCertificatesUnderLoadWithoutAFailedRequest() throws Exception {
        Map<String, BigInteger> before = new java.util.HashMap<>();
        for (String region : citadel.regions()) {
            before.put(region, presentedSerial(citadel.stampUri(region, "catalog-api", "/")));
        }
        UnderLoad run = underLoad("rotate", "service-certificates");
        assertThat(run.cli().output()).contains("catalog-api-region1 presents it", "web-ui-region2 presents it");
        for (String region : citadel.regions()) {
            assertThat(presentedSerial(citadel.stampUri(region, "catalog-api", "/")))
                    .as("catalog-api-" + region + "'s certificate").isNotEqualTo(before.get(region));
        }
    }

    @Test
    void rotatesTheEdgeAndEgressFirewallCertificatesUnderLoadWithoutAFailedRequest() throws Exception {
        URI publicListener = citadel.edgeUri("/");
        SSLSocketFactory asBrowser = citadel.sslContext().getSocketFactory();
        BigInteger before = presentedSerial(asBrowser, publicListener);
        UnderLoad edgeRun = underLoad("rotate", "edge-certificates");
        assertThat(edgeRun.cli().output()).contains("edge presents it on 2 listener(s)");
        assertThat(presentedSerial(asBrowser, publicListener)).as("the edge's public certificate").isNotEqualTo(before);

        UnderLoad egressRun = underLoad("rotate", "egress-certificates");
        for (String region : citadel.regions()) {
            assertThat(egressRun.cli().output()).contains("egress-firewall-" + region + " presents it on 1 listener(s)");
        }
    }

    @Test
    void rotatesTheEdgeIdUnderLoadWithoutAFailedRequest() throws Exception {
        Map<String, String> before = new java.util.HashMap<>();
        citadel.regions().forEach(region -> before.put(region, citadel.edgeId(region)));
        UnderLoad run = underLoad("rotate", "edge-id", "--overlap", "2s");
        assertThat(run.cli().output()).contains("the edge sends every stamp its new id");
        for (String region : citadel.regions()) {
            String now = citadel.edgeId(region);
            assertThat(now).as("edge id of " + region).isNotEqualTo(before.get(region));
            URI atStamp = citadel.stampUri(region, "catalog-api", ITEMS + "?limit=1");
            assertThat(send(edge, HttpRequest.newBuilder(atStamp).header("X-Edge-Id", now).build()).statusCode())
                    .as("new id at " + region).isEqualTo(200);
            assertThat(send(edge, HttpRequest.newBuilder(atStamp).header("X-Edge-Id", before.get(region)).build())
                    .statusCode()).as("old id at " + region).isEqualTo(403);
        }
    }

    @Test
    void rotatesTheEdgeCaUnderLoadWithoutAFailedRequest() throws Exception {
        Path caDir = citadel.runDir().resolve("pki/edge-ca");
        CertificateAuthority oldCa = CertificateAuthority.loadOrCreate(caDir, "unused");
        UnderLoad run = underLoad("rotate", "edge-ca", "--overlap", "2s");
        assertThat(run.cli().output()).contains("consumer(s) accept the new CA", "refuse the old CA");

        X509Certificate newCa = Pem.parseCertificate(Files.readString(caDir.resolve("ca.crt")));
        assertThat(newCa).isNotEqualTo(oldCa.certificate());
        assertThat(Files.exists(caDir.resolveSibling("edge-ca.next"))).as("pending CA left").isFalse();
        X509Certificate edgeClient = Pem.parseCertificate(
                Files.readString(citadel.runDir().resolve("edge/tls/client/edge.crt")));
        edgeClient.verify(newCa.getPublicKey());
        IssuedCertificate fromOldCa = oldCa.issue("edge", CertificateProfile.CLIENT, List.of(), List.of());
        HttpClient withOldCa = HttpClient.newBuilder()
                .sslContext(citadel.clientSslContext(fromOldCa.privateKey(), fromOldCa.certificate()))
                .connectTimeout(Duration.ofSeconds(5)).build();
        HttpClient withNewCa = HttpClient.newBuilder().sslContext(citadel.edgeClientSslContext())
                .connectTimeout(Duration.ofSeconds(5)).build();
        for (String region : citadel.regions()) {
            for (String service : List.of("catalog-api", "health-service", "web-ui")) {
                URI atStamp = citadel.stampUri(region, service, "/");
                HttpRequest request = HttpRequest.newBuilder(atStamp).timeout(Duration.ofSeconds(15))
                        .header("X-Edge-Id", citadel.edgeId(region)).GET().build();
                assertThat(send(withNewCa, request).statusCode()).as(service + "-" + region + " with the new CA's"
                        + " certificate").isLessThan(500);
                assertThatThrownBy(() -> send(withOldCa, request)).as(service + "-" + region + " with the old CA's")
                        .isInstanceOf(java.io.IOException.class);
            }
        }
    }

    @Test
    void rotatesTheOperatorCaUnderLoadWithoutAFailedRequest() throws Exception {
        Path caDir = citadel.runDir().resolve("pki/operator-ca");
        CertificateAuthority oldCa = CertificateAuthority.loadOrCreate(caDir, "unused");
        UnderLoad run = underLoad("rotate", "operator-ca", "--overlap", "2s");
        // Every management listener: 4 Spring services and the egress firewall per stamp, and the edge's.
        assertThat(run.cli().output()).contains("11 trust file(s), 11 listener(s), 3 certificate(s)",
                "11 consumer(s) accept the new CA", "11 consumer(s) refuse the old CA");

        X509Certificate newCa = Pem.parseCertificate(Files.readString(caDir.resolve("ca.crt")));
        assertThat(newCa).isNotEqualTo(oldCa.certificate());
        assertThat(Files.exists(caDir.resolveSibling("operator-ca.next"))).as("pending CA left").isFalse();
        Pem.parseCertificate(Files.readString(citadel.runDir().resolve("pki/operator/operator.crt")))
                .verify(newCa.getPublicKey());
        IssuedCertificate fromOldCa = oldCa.issue("operator", CertificateProfile.CLIENT, List.of(), List.of());
        HttpClient withOldCa = HttpClient.newBuilder()
                .sslContext(citadel.clientSslContext(fromOldCa.privateKey(), fromOldCa.certificate()))
                .connectTimeout(Duration.ofSeconds(5)).build();
        HttpClient asOperator = HttpClient.newBuilder().sslContext(citadel.operatorSslContext())
                .connectTimeout(Duration.ofSeconds(5)).build();
        List<URI> management = new ArrayList<>(List.of(citadel.edgeManagementUri("/origins")));
        for (String region : citadel.regions()) {
            for (String service : List.of("catalog-api", "background-processor", "health-service", "web-ui")) {
                management.add(citadel.managementUri(region, service, "/actuator/health"));
            }
            // The scraper follows its reissued certificate: its own stamp's metrics, with the new CA's certificate.
            Pem.parseCertificate(Files.readString(citadel.runDir().resolve("stamps/" + region
                    + "/health-service/tls/scraper/scraper." + region + ".crt"))).verify(newCa.getPublicKey());
            HttpClient scraper = HttpClient.newBuilder().sslContext(citadel.scraperSslContext(region))
                    .connectTimeout(Duration.ofSeconds(5)).build();
            assertThat(send(scraper, HttpRequest.newBuilder(citadel.managementUri(region, "catalog-api",
                    "/actuator/prometheus")).timeout(Duration.ofSeconds(15)).GET().build()).statusCode())
                    .as("scraper." + region + " with its new certificate").isEqualTo(200);
        }
        for (URI uri : management) {
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(15)).GET().build();
            // Taken and authorized (an answer other than 401/403; a health endpoint may say 503 and still be reached).
            assertThat(send(asOperator, request).statusCode()).as(uri + " with the new operator certificate")
                    .isNotIn(401, 403);
            assertThatThrownBy(() -> send(withOldCa, request)).as(uri + " with the old CA's")
                    .isInstanceOf(java.io.IOException.class);
        }
    }

    /**
     * Runs {@code citadel args} while a keyed client and a reader go through the edge, a request every 50 ms each,
     * from a second before until two seconds after; asserts the CLI succeeded and no request failed.
     */
    private UnderLoad underLoad(String... args) throws Exception {
        String itemId = JSON.readTree(get(citadel.edgeUri(ITEMS + "?limit=5")).body()).get(0)
                .path("id").asString();
        String commentPath = testComment(itemId);
        // Warm the keyed path through both stamps before measuring (the first write of a stamp pays its cold paths).
        for (int i = 0; i < 6; i++) {
            retryOn503(() -> delete(citadel.edgeUri(commentPath), citadel.apiKey()));
        }

        AtomicBoolean running = new AtomicBoolean(true);
        Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();
        List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        ExecutorService load = Executors.newFixedThreadPool(2);
        Future<?> keyed = load.submit(() -> loop(running, outcomes, failures, "DELETE",
                () -> delete(citadel.edgeUri(commentPath), citadel.apiKey()), 202));
        Future<?> reads = load.submit(() -> loop(running, outcomes, failures, "GET",
                () -> get(citadel.edgeUri(ITEMS + "/" + itemId)), 200));

        long started = System.nanoTime();
        RunningCitadel.CliResult cli;
        try {
            Thread.sleep(1000);
            cli = citadel.cli(args);
            Thread.sleep(2000);
        } finally {
            running.set(false);
            load.shutdown();
        }
        keyed.get();
        reads.get();
        long tookMillis = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("%s under load: %d ms with load before/after, requests %s, failures %s%n%s%n",
                String.join(" ", args), tookMillis, outcomes, failures, cli.output());

        assertThat(cli.code()).as(cli.toString()).isZero();
        assertThat(cli.output()).contains("rotation complete");
        assertThat(failures).as("failed requests during the rotation").isEmpty();
        assertThat(outcomes.get("DELETE 202").get()).isGreaterThan(20);
        assertThat(outcomes.get("GET 200").get()).isGreaterThan(20);
        return new UnderLoad(cli, outcomes, failures, commentPath);
    }

    /** The serial of the certificate a stamp's listener presents to a fresh handshake (as the edge connects). */
    private BigInteger presentedSerial(URI listener) throws Exception {
        return presentedSerial(citadel.edgeClientSslContext().getSocketFactory(), listener);
    }

    private static BigInteger presentedSerial(SSLSocketFactory factory, URI listener) throws Exception {
        try (SSLSocket socket = (SSLSocket) factory.createSocket(listener.getHost(), listener.getPort())) {
            socket.startHandshake();
            BigInteger serial = ((X509Certificate) socket.getSession().getPeerCertificates()[0]).getSerialNumber();
            socket.getSession().invalidate();
            return serial;
        }
    }

    private String testComment(String itemId) throws Exception {
        HttpRequest post = HttpRequest.newBuilder(citadel.edgeUri(ITEMS + "/" + itemId + "/comments"))
                .timeout(Duration.ofSeconds(15)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"authorName\":\"Rotation test\",\"text\":\"Deleted again.\"}"))
                .build();
        HttpResponse<String> accepted = retryOn503(() -> send(internet, post));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        return URI.create(accepted.headers().firstValue("Location").orElseThrow()).getPath();
    }

    private interface Call {
        HttpResponse<String> send() throws Exception;
    }

    private static HttpResponse<String> retryOn503(Call call) throws Exception {
        HttpResponse<String> response = call.send();
        for (int attempt = 1; attempt < 5 && response.statusCode() >= 503; attempt++) {
            Thread.sleep(1000);
            response = call.send();
        }
        return response;
    }

    /** One client: a request every 50 ms until stopped; any other status than the expected one, or no answer, fails. */
    private static void loop(AtomicBoolean running, Map<String, AtomicInteger> outcomes, List<String> failures,
                             String name, Call call, int expected) {
        while (running.get()) {
            try {
                HttpResponse<String> response = call.send();
                outcomes.computeIfAbsent(name + " " + response.statusCode(), k -> new AtomicInteger()).incrementAndGet();
                if (response.statusCode() != expected) {
                    failures.add(name + " " + response.statusCode() + " from "
                            + response.headers().firstValue("X-Server-Location").orElse("?") + ": " + response.body());
                }
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                failures.add(name + " " + e);
            }
        }
    }

    private HttpResponse<String> delete(URI uri, String key) throws Exception {
        return send(internet, HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(15)).header("X-API-KEY", key)
                .DELETE().build());
    }

    private HttpRequest pinned(URI uri, String region, String key) {
        return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(15)).header("X-Edge-Id", citadel.edgeId(region))
                .header("X-API-KEY", key).DELETE().build();
    }

    private HttpResponse<String> get(URI uri) throws Exception {
        return send(internet, HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(15)).GET().build());
    }

    private static HttpResponse<String> send(HttpClient client, HttpRequest request) throws Exception {
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
