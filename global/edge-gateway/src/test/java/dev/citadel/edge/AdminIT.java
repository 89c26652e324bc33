package dev.citadel.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.citadel.platform.pki.CertificateProfile;
import dev.citadel.platform.pki.IssuedCertificate;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The management listener: operator certificate required; origin changes apply live; metrics exposed. */
class AdminIT {
    @TempDir
    static Path dir;
    static TestPki pki;
    static TestOrigin a;
    static TestOrigin b;
    static EdgeFixture fx;

    @BeforeAll
    static void start() throws Exception {
        pki = new TestPki(dir);
        a = new TestOrigin(pki, "stamp-a", "stamp-a.stamp.test").start();
        b = new TestOrigin(pki, "stamp-b", "stamp-b.stamp.test").start();
        fx = new EdgeFixture(pki, EdgeFixture.singleGroup(a.originYaml(50, 1) + b.originYaml(50, 1)), "");
    }

    @AfterAll
    static void stop() {
        fx.close();
        a.close();
        b.close();
    }

    private HttpResponse<String> admin(IssuedCertificate as, String method, String path) throws Exception {
        HttpClient c = HttpClient.newBuilder().sslContext(pki.clientContext(as)).version(HttpClient.Version.HTTP_1_1)
                .build();
        return c.send(HttpRequest.newBuilder(URI.create("https://localhost:" + fx.edge.adminPort() + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void refusesClientsWithoutTheOperatorCertificate() {
        assertThatThrownBy(() -> admin(null, "GET", "/origins")).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> admin(pki.edgeClient, "GET", "/origins")).isInstanceOf(IOException.class);
    }

    @Test
    void refusesAnotherCertificateOfTheOperatorCaSuchAsTheMetricsScraper() throws Exception {
        IssuedCertificate scraper = pki.operatorCa.issue("scraper.region1", CertificateProfile.CLIENT, List.of(),
                List.of());
        HttpResponse<String> res = admin(scraper, "POST", "/origins/stamp-a/disable");
        assertThat(res.statusCode()).isEqualTo(403);
        assertThat(res.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(fx.edge.registry().find("stamp-a").orElseThrow().enabled()).isTrue();
    }

    @Test
    void listsOriginsWithHealthAndWeights() throws Exception {
        HttpResponse<String> res = admin(pki.operator, "GET", "/origins");
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(res.body()).contains("\"name\":\"stamp-a\"", "\"name\":\"stamp-b\"", "\"healthy\":",
                "\"weight\":50", "\"probeWindow\":");
    }

    @Test
    void disablingAnOriginMovesTrafficAtOnceAndEnablingBringsItBack() throws Exception {
        assertThat(admin(pki.operator, "POST", "/origins/stamp-a/disable").body()).contains("\"enabled\":false");
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 30; i++) {
            seen.add(fx.get("/api/x").headers().firstValue("X-Origin").orElseThrow());
        }
        assertThat(seen).containsOnly("stamp-b");
        admin(pki.operator, "POST", "/origins/stamp-a/enable");
        assertThat(admin(pki.operator, "POST", "/origins/stamp-b/weight?value=0").body()).contains("\"weight\":0");
        seen.clear();
        for (int i = 0; i < 30; i++) {
            seen.add(fx.get("/api/x").headers().firstValue("X-Origin").orElseThrow());
        }
        assertThat(seen).containsOnly("stamp-a");
        admin(pki.operator, "POST", "/origins/stamp-b/weight?value=50");
    }

    @Test
    void rejectsBadAdminInputWithProblems() throws Exception {
        HttpResponse<String> bad = admin(pki.operator, "POST", "/origins/stamp-a/weight?value=99999");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(admin(pki.operator, "POST", "/origins/nope/disable").statusCode()).isEqualTo(404);
    }

    @Test
    void exposesPrometheusMetrics() throws Exception {
        fx.get("/api/metrics-probe");
        HttpResponse<String> res = admin(pki.operator, "GET", "/metrics");
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.body()).contains("edge_requests_seconds_count");
    }
}
