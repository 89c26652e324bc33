package dev.citadel.health.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.citadel.health.HealthServiceApplication;
import dev.citadel.health.check.DependencyCalls;
import dev.citadel.health.signals.MetricsScraper;
import dev.citadel.platform.pki.CertificateAuthority;
import dev.citadel.platform.pki.CertificateProfile;
import dev.citadel.platform.pki.IssuedCertificate;
import dev.citadel.platform.pki.KeyStores;
import dev.citadel.platform.pki.Passwords;
import dev.citadel.platform.pki.Secret;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The listeners exactly as the CLI configures them (contract: Spring Boot PEM SSL bundles passed as properties):
 * the public port requires the edge's client certificate and the edge id, the management port the operator's.
 * No engines: only the state switch runs, so this needs nothing but loopback sockets.
 */
class MutualTlsIT {

    private static final String EDGE_ID = "edge-id-for-mtls-it";
    private static Path dir;
    private static IssuedCertificate edgeClient;
    private static IssuedCertificate operatorClient;
    private static IssuedCertificate scraperClient;
    private static IssuedCertificate otherRegionScraper;
    private static IssuedCertificate otherEdgeCaHolder;
    private static CertificateAuthority stampCa;
    private static ConfigurableApplicationContext app;
    private static int port;
    private static int managementPort;

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("health-mtls");
        stampCa = CertificateAuthority.loadOrCreate(dir.resolve("stamp-ca"), "stamp-ca");
        CertificateAuthority edgeCa = CertificateAuthority.loadOrCreate(dir.resolve("edge-ca"), "edge-ca");
        CertificateAuthority operatorCa = CertificateAuthority.loadOrCreate(dir.resolve("operator-ca"), "operator-ca");
        stampCa.issue("health-service", CertificateProfile.SERVER, List.of("localhost"), List.of("127.0.0.1"))
                .writePem(dir.resolve("server.crt"), dir.resolve("server.key"), dir.resolve("stamp-ca.crt"));
        edgeCa.writeCertificatePem(dir.resolve("edge-ca.crt"));
        operatorCa.writeCertificatePem(dir.resolve("operator-ca.crt"));
        edgeClient = edgeCa.issue("edge", CertificateProfile.CLIENT, List.of(), List.of());
        operatorClient = operatorCa.issue("operator", CertificateProfile.CLIENT, List.of(), List.of());
        // The same operator CA signs the stamp's scrapers: the CN, not the issuer, tells them from the operator.
        scraperClient = operatorCa.issue("scraper.region1", CertificateProfile.CLIENT, List.of(), List.of());
        otherRegionScraper = operatorCa.issue("scraper.region2", CertificateProfile.CLIENT, List.of(), List.of());
        otherEdgeCaHolder = edgeCa.issue("edge-client", CertificateProfile.CLIENT, List.of(), List.of());
        operatorClient.writePem(dir.resolve("operator.crt"), dir.resolve("operator.key"), dir.resolve("op-ca.crt"));

        List<String> properties = new java.util.ArrayList<>(bundle("edge", "edge-ca.crt"));
        properties.addAll(bundle("operator", "operator-ca.crt"));
        properties.addAll(List.of("server.address=127.0.0.1", "server.port=0", "server.ssl.bundle=edge",
                "server.ssl.client-auth=need",
                "management.server.address=127.0.0.1", "management.server.port=0",
                "management.server.ssl.bundle=operator", "management.server.ssl.client-auth=need",
                "citadel.edge.id=" + EDGE_ID,
                "citadel.health.region=region1",
                "citadel.health.state-file=" + dir.resolve("rotation.state"),
                "citadel.health.checks.database.enabled=false",
                "citadel.health.checks.message-broker.enabled=false",
                "citadel.health.checks.health-score.enabled=false"));
        // Command-line arguments, as the CLI passes them: they override application.yaml (default properties do not).
        app = new SpringApplicationBuilder(HealthServiceApplication.class)
                .run(properties.stream().map(p -> "--" + p).toArray(String[]::new));
        port = app.getEnvironment().getProperty("local.server.port", Integer.class);
        managementPort = app.getEnvironment().getProperty("local.management.port", Integer.class);
    }

    private static List<String> bundle(String name, String trustedCa) {
        String b = "spring.ssl.bundle.pem." + name + ".";
        return List.of(b + "keystore.certificate=file:" + dir.resolve("server.crt"),
                b + "keystore.private-key=file:" + dir.resolve("server.key"),
                b + "truststore.certificate=file:" + dir.resolve(trustedCa));
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    private static HttpClient client(IssuedCertificate clientCertificate) throws Exception {
        Secret pw = Passwords.generate();
        KeyManagerFactory kmf = null;
        if (clientCertificate != null) {
            Path p12 = Files.createTempFile(dir, "client", ".p12");
            clientCertificate.writeKeyStore(p12, pw);
            KeyStore keys = KeyStores.load(p12, pw);
            kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, pw.revealChars());
        }
        Path trust = Files.createTempFile(dir, "trust", ".p12");
        stampCa.writeTrustStore(trust, pw);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(KeyStores.load(trust, pw));
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(10)).build();
    }

    private static HttpResponse<String> get(HttpClient client, int port, String path, String edgeId)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(20));
        if (edgeId != null) {
            b.header("X-Edge-Id", edgeId);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesTheVerdictToTheEdgeWithItsCertificateAndId() throws Exception {
        HttpResponse<String> r = get(client(edgeClient), port, "/health/stamp", EDGE_ID);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("\"name\":\"state-switch\"");
    }

    @Test
    void refusesTheEdgeCertificateWithoutTheEdgeIdWith403Problem() throws Exception {
        HttpResponse<String> r = get(client(edgeClient), port, "/health/stamp", "wrong");
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("application/problem+json"));
    }

    @Test
    void refusesAClientWithoutTheEdgesCertificateOnThePublicPort() {
        assertThatThrownBy(() -> get(client(null), port, "/health/stamp", EDGE_ID)).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> get(client(operatorClient), port, "/health/stamp", EDGE_ID))
                .isInstanceOf(IOException.class);
    }

    @Test
    void letsOnlyTheOperatorReachTheManagementPort() throws Exception {
        assertThat(get(client(operatorClient), managementPort, "/actuator/rotation", null).body())
                .contains("\"state\":\"in\"");
        assertThatThrownBy(() -> get(client(edgeClient), managementPort, "/actuator/rotation", null))
                .isInstanceOf(IOException.class);
    }

    @Test
    void refusesAnotherHolderOfTheEdgeCaOnThePublicPortEvenWithTheEdgeId() throws Exception {
        HttpResponse<String> r = get(client(otherEdgeCaHolder), port, "/health/stamp", EDGE_ID);
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.body()).contains("https://citadel.dev/problems/edge-forbidden");
    }

    @Test
    void theOwnRegionsScraperReadsMetricsAndHealthButCannotTouchTheRotationSwitch() throws Exception {
        HttpClient scraper = client(scraperClient);
        assertThat(get(scraper, managementPort, "/actuator/prometheus", null).statusCode()).isEqualTo(200);
        assertThat(get(scraper, managementPort, "/actuator/health", null).statusCode()).isEqualTo(200);

        HttpResponse<String> flip = scraper.send(HttpRequest.newBuilder(
                        URI.create("https://127.0.0.1:" + managementPort + "/actuator/rotation"))
                .timeout(Duration.ofSeconds(20)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"state\":\"out\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(flip.statusCode()).isEqualTo(403);
        assertThat(flip.body()).contains("https://citadel.dev/problems/management-forbidden");
        assertThat(get(scraper, managementPort, "/actuator/rotation", null).statusCode()).isEqualTo(403);
        assertThat(get(client(operatorClient), managementPort, "/actuator/rotation", null).body())
                .as("the switch was not flipped").contains("\"state\":\"in\"");
    }

    @Test
    void anotherRegionsScraperIsRefusedOnTheManagementPort() throws Exception {
        assertThat(get(client(otherRegionScraper), managementPort, "/actuator/prometheus", null).statusCode())
                .isEqualTo(403);
    }

    @Test
    void scrapesAPrometheusEndpointWithTheOperatorCertificateFromPemFiles() throws Exception {
        MetricsScraper scraper = new MetricsScraper(dir.resolve("operator.crt"), dir.resolve("operator.key"),
                dir.resolve("stamp-ca.crt"), Duration.ofSeconds(10), new DependencyCalls(new SimpleMeterRegistry()));
        assertThat(scraper.scrape("self", URI.create("https://127.0.0.1:" + managementPort + "/actuator/prometheus")))
                .anySatisfy(s -> assertThat(s.name()).isEqualTo("citadel_health_rounds_total"));
    }
}
