package dev.citadel.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The management plane authorizes identities, not just the CA that issued them: a stamp's metrics scraper
 * certificate (issued by the operator CA, its key on disk beside health-service) reads metrics of its own stamp and
 * nothing else — not the edge's admin API, not a rotation switch, not the other stamp. And a stamp accepts only its
 * own edge id.
 */
class ManagementPlaneIT {

    private static RunningCitadel citadel;

    @BeforeAll
    static void startTheWholeSystem() {
        citadel = RunningCitadel.get();
    }

    @Test
    void aScrapeCertificateReadsItsOwnStampsMetrics() throws Exception {
        HttpResponse<String> metrics = send(citadel.scraperSslContext("region1"),
                get(citadel.managementUri("region1", "catalog-api", "/actuator/prometheus")));

        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("http_server_requests");
    }

    @Test
    void aScrapeCertificateIsRefusedByTheRotationSwitchOfEitherStamp() throws Exception {
        for (String region : citadel.regions()) {
            HttpResponse<String> flip = send(citadel.scraperSslContext("region1"),
                    HttpRequest.newBuilder(citadel.managementUri(region, "/actuator/rotation"))
                            .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"state\":\"out\"}")));
            assertThat(flip.statusCode()).as(region + ": " + flip.body()).isEqualTo(403);
        }
        assertThat(send(citadel.sslContext(), get(citadel.edgeUri("/health/stamp"))).statusCode())
                .as("both stamps still in rotation").isEqualTo(200);
    }

    @Test
    void aScrapeCertificateIsRefusedByTheOtherStampsManagementPorts() throws Exception {
        HttpResponse<String> metrics = send(citadel.scraperSslContext("region1"),
                get(citadel.managementUri("region2", "catalog-api", "/actuator/prometheus")));

        assertThat(metrics.statusCode()).isEqualTo(403);
    }

    @Test
    void aScrapeCertificateIsRefusedByTheEdgeAdminApi() throws Exception {
        HttpResponse<String> origins = send(citadel.scraperSslContext("region1"), get(citadel.edgeManagementUri("/origins")));

        assertThat(origins.statusCode()).isEqualTo(403);
        assertThat(send(citadel.operatorSslContext(), get(citadel.edgeManagementUri("/origins"))).statusCode())
                .as("the operator still gets in").isEqualTo(200);
    }

    @Test
    void aStampRefusesTheOtherStampsEdgeId() throws Exception {
        HttpResponse<String> own = send(citadel.edgeClientSslContext(),
                get(citadel.stampUri("region2", "catalog-api", "/api/1.0/catalogitem")).header("X-Edge-Id",
                        citadel.edgeId("region2")));
        HttpResponse<String> foreign = send(citadel.edgeClientSslContext(),
                get(citadel.stampUri("region2", "catalog-api", "/api/1.0/catalogitem")).header("X-Edge-Id",
                        citadel.edgeId("region1")));

        assertThat(own.statusCode()).isEqualTo(200);
        assertThat(foreign.statusCode()).isEqualTo(403);
    }

    private static HttpRequest.Builder get(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10));
    }

    private static HttpResponse<String> send(SSLContext tls, HttpRequest.Builder request) throws Exception {
        HttpClient client = HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(5)).build();
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
