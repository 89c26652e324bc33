package dev.citadel.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Origins probed at their stamp's health endpoint rather than at themselves: a stamp whose health says 503 loses
 * its traffic although its API still answers, and the public status projection shows it, read-only.
 */
class StampProbeIT {
    @TempDir
    static Path dir;
    static TestOrigin apiA;
    static TestOrigin apiB;
    static TestOrigin healthA;
    static TestOrigin healthB;
    static EdgeFixture fx;

    @BeforeAll
    static void start() throws Exception {
        TestPki pki = new TestPki(dir);
        apiA = new TestOrigin(pki, "api-a", "api-a.stamp.test").start();
        apiB = new TestOrigin(pki, "api-b", "api-b.stamp.test").start();
        healthA = new TestOrigin(pki, "health-a", "health-a.stamp.test").start();
        healthB = new TestOrigin(pki, "health-b", "health-b.stamp.test").start();
        String origins = originProbedAt(apiA, healthA, "region-a") + originProbedAt(apiB, healthB, "region-b");
        String groups = "originGroups:\n  - name: apis\n    origins:\n" + origins
                + "routes:\n  - {pattern: /api/*, originGroup: apis}\n"
                + "  - {pattern: /health/*, originGroup: apis, stampHeader: X-Citadel-Stamp}\n";
        fx = new EdgeFixture(pki, groups, "status: {enabled: true}\n");
    }

    private static String originProbedAt(TestOrigin api, TestOrigin health, String stamp) {
        return api.originYaml(50, 1) + "        stamp: " + stamp + "\n        probe: {host: 127.0.0.1, port: "
                + health.port() + ", tlsServerName: " + health.dnsName + ", path: /health/stamp}\n";
    }

    private HttpResponse<String> getNaming(String path, String stamp) throws Exception {
        return fx.client.send(HttpRequest.newBuilder(fx.uri(path)).timeout(Duration.ofSeconds(20))
                .header("X-Citadel-Stamp", stamp).build(), HttpResponse.BodyHandlers.ofString());
    }

    @AfterAll
    static void stop() {
        fx.close();
        for (TestOrigin o : new TestOrigin[] {apiA, apiB, healthA, healthB}) {
            o.close();
        }
    }

    private Map<String, Integer> originsOf(int requests) throws Exception {
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < requests; i++) {
            counts.merge(fx.get("/api/x").headers().firstValue("X-Origin").orElse("none"), 1, Integer::sum);
        }
        return counts;
    }

    @Test
    void aStampWhoseHealthSays503LosesItsTrafficAndGetsItBackWhenHealthy() throws Exception {
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> healthA.probes.get() >= 3);
        assertThat(apiA.probes.get()).as("the API origin itself is not probed").isZero();
        healthA.healthStatus = 503;
        try {
            Awaitility.await().atMost(Duration.ofSeconds(20))
                    .until(() -> !fx.edge.registry().health("api-a").healthy());
            assertThat(originsOf(40)).containsOnlyKeys("api-b");
        } finally {
            healthA.healthStatus = 200;
        }
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> fx.edge.registry().health("api-a").healthy());
        assertThat(originsOf(60)).containsKeys("api-a", "api-b");
    }

    @Test
    void aReadNamingAStampReachesThatStampEvenWhenItIsOutOfRotation() throws Exception {
        healthB.healthStatus = 503;
        try {
            Awaitility.await().atMost(Duration.ofSeconds(20))
                    .until(() -> !fx.edge.registry().health("api-b").healthy());
            for (int i = 0; i < 10; i++) {
                HttpResponse<String> pinned = getNaming("/health/model", "region-b");
                assertThat(pinned.statusCode()).isEqualTo(200);
                assertThat(pinned.headers().firstValue("X-Origin")).hasValue("api-b");
                // Only the public projection of the health document crosses the edge.
                assertThat(pinned.body()).isEqualTo("{\"region\":\"api-b\",\"status\":\"green\",\"score\":1.0,"
                        + "\"flows\":[]}");
            }
            assertThat(apiB.received).filteredOn(r -> r.uri().equals("/health/model"))
                    .allMatch(r -> r.headers().get("X-Citadel-Stamp") == null, "selector header not relayed");
            HttpResponse<String> unknown = getNaming("/health/model", "region-z");
            assertThat(unknown.statusCode()).isEqualTo(404);
            assertThat(unknown.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            HttpResponse<String> apiRoute = getNaming("/api/x", "region-b");
            assertThat(apiRoute.headers().firstValue("X-Origin")).as("other routes ignore the header").hasValue("api-a");
        } finally {
            healthB.healthStatus = 200;
        }
    }

    @Test
    void thePublicStatusShowsHealthButNoAddressesAndRefusesWrites() throws Exception {
        HttpResponse<String> status = fx.get("/edge/status");
        assertThat(status.statusCode()).isEqualTo(200);
        assertThat(status.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(status.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(status.body()).contains("\"name\":\"api-a\"", "\"stamp\":\"region-a\"", "\"healthy\":",
                        "\"probeWindow\":")
                .doesNotContain("127.0.0.1", "stamp.test", "\"host\"");
        HttpResponse<String> post = fx.client.send(HttpRequest.newBuilder(fx.uri("/edge/status"))
                .timeout(Duration.ofSeconds(20)).POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(apiA.received).noneMatch(r -> r.uri().startsWith("/edge/status"));
        assertThat(apiB.received).noneMatch(r -> r.uri().startsWith("/edge/status"));
    }
}
