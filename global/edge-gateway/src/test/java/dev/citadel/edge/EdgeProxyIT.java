package dev.citadel.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The edge as a reverse proxy over real TLS sockets: routing, origin headers, HTTP/2, redirect, cache, mTLS. */
class EdgeProxyIT {
    @TempDir
    static Path dir;
    static TestPki pki;
    static TestOrigin api;
    static TestOrigin images;
    static TestOrigin web;
    static EdgeFixture fx;

    @BeforeAll
    static void start() throws Exception {
        pki = new TestPki(dir);
        api = new TestOrigin(pki, "api-a", "api-a.stamp.test").start();
        images = new TestOrigin(pki, "images-a", "images-a.stamp.test").start();
        web = new TestOrigin(pki, "web-a", "web-a.stamp.test").start();
        fx = new EdgeFixture(pki, "originGroups:\n"
                + "  - name: apis\n    origins:\n" + api.originYaml(50, 1)
                + "  - name: images\n    origins:\n" + images.originYaml(50, 1)
                + "  - name: static\n    origins:\n" + web.originYaml(50, 1)
                + "routes:\n  - {pattern: /*, originGroup: static}\n  - {pattern: /api/*, originGroup: apis}\n"
                + "  - {pattern: /images/*, originGroup: images}\n", "");
    }

    @AfterAll
    static void stop() {
        fx.close();
        api.close();
        images.close();
        web.close();
    }

    @Test
    void routesByMostSpecificPattern() throws Exception {
        assertThat(fx.get("/api/1.0/catalogitem").headers().firstValue("X-Origin")).hasValue("api-a");
        assertThat(fx.get("/images/42").headers().firstValue("X-Origin")).hasValue("images-a");
        assertThat(fx.get("/index.html").headers().firstValue("X-Origin")).hasValue("web-a");
        assertThat(fx.get("/apiary").headers().firstValue("X-Origin")).hasValue("web-a");
    }

    @Test
    void sendsEdgeIdentityForwardingHeadersAndTraceparentButNoHopByHopHeaders() throws Exception {
        HttpRequest req = HttpRequest.newBuilder(fx.uri("/api/headers?x=1"))
                .header("X-Edge-Id", "spoofed").header("X-Forwarded-For", "6.6.6.6")
                .header("Proxy-Authorization", "secret")
                .build();
        HttpResponse<String> res = fx.client.send(req, HttpResponse.BodyHandlers.ofString());
        assertThat(res.statusCode()).isEqualTo(200);
        TestOrigin.Received got = api.received.stream().filter(r -> r.uri().equals("/api/headers?x=1")).findFirst()
                .orElseThrow();
        assertThat(got.headers().get("X-Edge-Id")).isEqualTo("edge-test-1");
        assertThat(got.headers().get("X-Forwarded-For")).isEqualTo("127.0.0.1");
        assertThat(got.headers().get("X-Forwarded-Proto")).isEqualTo("https");
        assertThat(got.headers().get("X-Forwarded-Host")).startsWith("localhost");
        assertThat(got.headers().get("Host")).isEqualTo("api-a.stamp.test");
        assertThat(got.headers().get("traceparent")).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
        assertThat(got.headers().contains("Proxy-Authorization")).isFalse();
        assertThat(got.clientCertSubject()).contains("CN=edge-client");
        assertThat(res.headers().firstValue("Keep-Alive")).isEmpty();
        assertThat(res.headers().firstValue("Strict-Transport-Security")).hasValue("max-age=31536000; includeSubDomains");
        assertThat(res.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    }

    @Test
    void keepsAValidTraceparent() throws Exception {
        String tp = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
        fx.client.send(HttpRequest.newBuilder(fx.uri("/api/trace")).header("traceparent", tp).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(api.received.stream().filter(r -> r.uri().equals("/api/trace")).findFirst().orElseThrow()
                .headers().get("traceparent")).isEqualTo(tp);
    }

    @Test
    void servesHttp2NegotiatedByAlpn() throws Exception {
        HttpClient h2 = HttpClient.newBuilder().sslContext(pki.clientContext(null))
                .version(HttpClient.Version.HTTP_2).build();
        HttpResponse<String> res = h2.send(HttpRequest.newBuilder(fx.uri("/api/h2")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(res.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.body()).startsWith("api-a");
        assertThat(res.headers().firstValue("Strict-Transport-Security")).hasValue("max-age=31536000; includeSubDomains");
        assertThat(res.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        HttpResponse<String> post = h2.send(HttpRequest.newBuilder(fx.uri("/api/h2post"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Zoë\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(200);
        assertThat(api.received.stream().filter(r -> r.uri().equals("/api/h2post")).findFirst().orElseThrow().body())
                .isEqualTo("{\"name\":\"Zoë\"}");
    }

    @Test
    void redirectsPlainHttpToHttpsWith308() throws Exception {
        HttpClient plain = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        HttpResponse<String> res = plain.send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + fx.edge.httpPort() + "/api/x?q=1")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(res.statusCode()).isEqualTo(308);
        assertThat(res.headers().firstValue("Location")).hasValue("https://localhost:" + fx.edge.httpsPort() + "/api/x?q=1");
    }

    @Test
    void cachesPublicResponsesAtTheEdge() throws Exception {
        HttpResponse<String> first = fx.get("/cache/logo.svg");
        HttpResponse<String> second = fx.get("/cache/logo.svg");
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(second.headers().firstValue("Age")).isPresent();
        assertThat(web.received.stream().filter(r -> r.uri().equals("/cache/logo.svg")).count()).isEqualTo(1);
        HttpResponse<String> plain1 = fx.get("/plain");
        HttpResponse<String> plain2 = fx.get("/plain");
        assertThat(plain2.body()).isNotEqualTo(plain1.body());
    }

    @Test
    void relaysTheOriginsOwnNotFound() throws Exception {
        HttpResponse<String> res = fx.get("/api/status/404");
        assertThat(res.statusCode()).isEqualTo(404); // the origin's own 404 is relayed untouched
        assertThat(res.body()).startsWith("api-a");
    }

    @Test
    void relaysOriginErrorsWithoutRetryingThemWhenNot503() throws Exception {
        HttpResponse<String> res = fx.get("/api/status/500");
        assertThat(res.statusCode()).isEqualTo(500);
        // `received` leaves out the probes, so this counts only the proxied attempts
        assertThat(api.received.stream().filter(r -> r.uri().equals("/api/status/500")).count()).isEqualTo(1);
    }
}
