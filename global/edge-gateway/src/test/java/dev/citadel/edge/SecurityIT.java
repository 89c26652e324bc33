package dev.citadel.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The WAF and rate limiter wired into the real pipeline, and the WAF mode switched live by an operator. */
class SecurityIT {
    @TempDir
    static Path dir;
    static TestPki pki;
    static TestOrigin origin;
    static EdgeFixture fx;
    static Path configFile;
    static final String WAF = "waf: {mode: prevention}\n";

    @BeforeAll
    static void start() throws Exception {
        pki = new TestPki(dir);
        origin = new TestOrigin(pki, "stamp-a", "stamp-a.stamp.test").start();
        configFile = dir.resolve("edge.yaml");
        fx = new EdgeFixture(pki, EdgeFixture.singleGroup(origin.originYaml(50, 1)),
                WAF + "rateLimit: {capacity: 1000, refillPerSecond: 1000}\n", EdgeSecurity.reloadingFrom(configFile));
        Files.writeString(configFile, fx.yaml);
    }

    @AfterAll
    static void stop() {
        fx.close();
        origin.close();
    }

    private HttpResponse<String> admin(String method, String path) throws Exception {
        HttpClient c = HttpClient.newBuilder().sslContext(pki.clientContext(pki.operator)).build();
        return c.send(HttpRequest.newBuilder(URI.create("https://localhost:" + fx.edge.adminPort() + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void blocksAnAttackWith403AndLogsItsReferenceButPassesBenignTraffic() throws Exception {
        HttpResponse<String> attack = fx.get("/api/1.0/catalogitem?limit=1%20UNION%20SELECT%20password%20FROM%20users--");
        assertThat(attack.statusCode()).isEqualTo(403);
        assertThat(attack.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(origin.received.stream().noneMatch(r -> r.uri().contains("UNION"))).isTrue();
        HttpResponse<String> benign = fx.post("/api/1.0/catalogitem/3/comments",
                "{\"authorName\":\"Zoë O'Brien\",\"text\":\"Lovely café — ½ price, isn't it?\"}");
        assertThat(benign.statusCode()).isEqualTo(200);
        Path accessLog = Path.of("target/edge-access-test.log");
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(Files.readString(accessLog)).containsPattern("\"status\":403,.*\"wafRef\":\"[^\"]+\""));
    }

    @Test
    void detectionModeSetByTheOperatorLetsAttacksThroughAndPreventionBlocksAgain() throws Exception {
        assertThat(admin("GET", "/waf/mode").body()).contains("prevention");
        assertThat(admin("POST", "/waf/mode?value=detection").body()).contains("detection");
        try {
            assertThat(fx.get("/api/x?q=%3Cscript%3Ealert(1)%3C/script%3E").statusCode()).isEqualTo(200);
        } finally {
            admin("POST", "/waf/mode?value=prevention");
        }
        assertThat(fx.get("/api/x?q=%3Cscript%3Ealert(1)%3C/script%3E").statusCode()).isEqualTo(403);
        assertThat(admin("POST", "/waf/mode?value=off").statusCode()).isEqualTo(400);
    }

    @Test
    void theOperatorReloadsTheWafSectionAndABadOneKeepsTheRunningRules() throws Exception {
        String xss = "/api/x?q=%3Cscript%3Ealert(1)%3C/script%3E";
        assertThat(fx.get(xss).statusCode()).as("CRS is the default engine").isEqualTo(403);
        try {
            Files.writeString(configFile, fx.yaml.replace(WAF, "waf: {mode: prevention, exclusions: "
                    + "[{ruleId: 941000-941999, pathPrefix: /api/, argName: q}]}\n"));
            HttpResponse<String> reloaded = admin("POST", "/waf/reload");
            assertThat(reloaded.statusCode()).as(reloaded.body()).isEqualTo(200);
            assertThat(reloaded.body()).contains("\"engine\":\"crs\"", "\"exclusions\":1", "\"paranoiaLevel\":1");
            assertThat(fx.get(xss).statusCode()).as("the new exclusion applies without a restart").isEqualTo(200);
            assertThat(fx.get(xss.replace("q=", "other=")).statusCode()).isEqualTo(403);

            Files.writeString(configFile, fx.yaml.replace(WAF,
                    "waf: {mode: prevention, crs: {rulesDir: /nonexistent/crs}}\n"));
            HttpResponse<String> refused = admin("POST", "/waf/reload");
            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(refused.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
            assertThat(refused.body()).contains("waf.crs.rulesDir", "previous rules kept");
            assertThat(fx.get(xss).statusCode()).as("the rules loaded before still run").isEqualTo(200);

            Files.writeString(configFile, fx.yaml.replace(WAF, "waf: {enabled: false}\n"));
            assertThat(admin("POST", "/waf/reload").statusCode()).as("needs a restart").isEqualTo(409);
        } finally {
            Files.writeString(configFile, fx.yaml);
            assertThat(admin("POST", "/waf/reload").statusCode()).isEqualTo(200);
        }
        assertThat(fx.get(xss).statusCode()).isEqualTo(403);
    }
}
