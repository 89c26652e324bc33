package dev.citadel.egress.proxy;

import static dev.citadel.egress.proxy.PolicyPipeline.auth;
import static dev.citadel.egress.proxy.PolicyPipeline.connect;
import static dev.citadel.egress.proxy.PolicyPipeline.get;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** One behaviour per handler of the policy stage, each through the whole stage on an EmbeddedChannel. */
class PolicyHandlersTest {
    private final PolicyPipeline p = new PolicyPipeline();

    @AfterEach
    void close() {
        p.close();
    }

    private void assertReleased() {
        assertThat(p.seen).allSatisfy(r -> assertThat(r.refCnt()).isZero());
    }

    @Test
    void asksForCredentialsWithABasicChallengeAndKeepsTheConnection() {
        String out = p.send("CONNECT images.example.org:443 HTTP/1.1\r\nHost: images.example.org:443\r\n\r\n");
        assertThat(out).startsWith("HTTP/1.1 407 ").contains("proxy-authenticate: Basic realm=\"citadel-egress\"");
        assertThat(p.channel.isActive()).isTrue();
        assertThat(p.decisions("denied", "proxy-auth-required")).isEqualTo(1);
        assertReleased();
    }

    @Test
    void refusesWrongCredentialsWith407AndNeverLogsThem() {
        String wrong = "Proxy-Authorization: Basic " + java.util.Base64.getEncoder()
                .encodeToString("catalog-api:guess-1234".getBytes()) + "\r\n";
        String out = p.send("CONNECT images.example.org:443 HTTP/1.1\r\n" + wrong + "\r\n");
        assertThat(out).startsWith("HTTP/1.1 407 ");
        assertThat(p.decisions("denied", "proxy-auth-invalid")).isEqualTo(1);
        assertThat(p.logLines).singleElement().asString().contains("\"reason\":\"proxy-auth-invalid\"")
                .doesNotContain("guess-1234").doesNotContain("Y2F0YWxvZy1hcGk6Z3Vlc3M");
    }

    @Test
    void letsTheClientRetryWithCredentialsOnTheSameConnection() {
        p.send("CONNECT images.example.org:443 HTTP/1.1\r\n\r\n");
        p.send(connect("images.example.org:443"));
        assertThat(p.allowed).hasSize(1);
        assertThat(p.logLines).hasSize(1); // the allowed exchange is logged when its connection ends
    }

    @Test
    void passesAnAllowedTunnelWithTheCheckedAddressAndNoCredentialLeft() {
        p.send(connect("images.example.org:443"));
        assertThat(p.allowed).singleElement().satisfies(r ->
                assertThat(r.headers().contains("Proxy-Authorization")).isFalse());
        Exchange e = p.channel.attr(Exchange.KEY).get();
        assertThat(e.decision).isEqualTo("allowed");
        assertThat(e.source).isEqualTo("catalog-api");
        assertThat(e.connectTo.getHostAddress()).isEqualTo("93.184.215.14");
        assertThat(p.metrics.count("citadel.egress.firewall.decisions", "source", "catalog-api", "decision",
                "allowed", "reason", "allowed")).isEqualTo(1);
        p.channel.close();
        assertThat(p.logLines).singleElement().asString().contains("\"decision\":\"allowed\"")
                .contains("\"resolved\":[\"93.184.215.14\"]").contains("\"stamp\":\"region1\"")
                .contains("\"host\":\"images.example.org\"").contains("\"port\":443")
                .contains("\"bytesFromClient\":" + connect("images.example.org:443").length());
    }

    @Test
    void passesAnAllowedAbsoluteFormHttpRequest() {
        p.send(get("http://Images.Example.org./a?b=c"));
        assertThat(p.allowed).singleElement().satisfies(r -> assertThat(r.uri()).isEqualTo(
                "http://Images.Example.org./a?b=c"));
        assertThat(p.channel.attr(Exchange.KEY).get().target.pathAndQuery()).isEqualTo("/a?b=c");
    }

    @ParameterizedTest(name = "CONNECT {0} is an IP literal")
    @ValueSource(strings = {"127.0.0.1:443", "2130706433:443", "0x7f.1:443", "0177.0.0.1:443", "127.1:443",
            "[::1]:443", "[::ffff:127.0.0.77]:443", "[fe80::1%25eth0]:443", "169.254.169.254:80", "93.184.215.14:443"})
    void refusesIpLiteralTunnels(String authority) {
        String out = p.send(connect(authority));
        assertThat(out).startsWith("HTTP/1.1 403 ").contains("ip-literal");
        assertThat(p.allowed).isEmpty();
        assertReleased();
    }

    @ParameterizedTest(name = "GET {0} is an IP literal")
    @ValueSource(strings = {"http://localhost.:80/", "http://127.0.0.1/", "http://2130706433:8080/",
            "http://[::1]:80/", "http://[::ffff:127.0.0.77]/x"})
    void refusesLoopbackInAnyFormForPlainHttp(String uri) {
        String out = p.send(get(uri));
        assertThat(out).startsWith("HTTP/1.1 403 ");
        assertThat(p.allowed).isEmpty();
        assertReleased();
    }

    @Test
    void refusesHostsThatAreNotAllowListedForTheSource() {
        assertThat(p.send(connect("evil.example.net:443"))).startsWith("HTTP/1.1 403 ").contains("not-allow-listed")
                .contains("proxy-status: citadel-egress-firewall; error=http_request_denied");
        assertThat(p.send(connect("images.example.org:8443"))).startsWith("HTTP/1.1 403 ");
        assertThat(p.send(connect("localhost:443"))).startsWith("HTTP/1.1 403 ");
        assertThat(p.decisions("denied", "not-allow-listed")).isEqualTo(3);
        assertReleased();
    }

    @Test
    void refusesAnAllowedNameWhenAnyResolvedAddressIsSpecialPurpose() {
        assertThat(p.send(connect("internal.example.org:443"))).startsWith("HTTP/1.1 403 ")
                .contains("special-address").contains("private-use")
                .contains("proxy-status: citadel-egress-firewall; error=destination_ip_prohibited");
        assertThat(p.send(get("http://metadata.example.org/latest/meta-data/"))).startsWith("HTTP/1.1 403 ")
                .contains("link-local");
        assertThat(p.logLines.get(0)).contains("\"resolved\":[\"93.184.215.15\",\"10.1.2.3\"]");
        assertThat(p.allowed).isEmpty();
        assertReleased();
    }

    @Test
    void allowsASpecialAddressOnlyWhereTheRuleListsIt() {
        p.send(connect("images.citadel.test:18080"));
        assertThat(p.allowed).hasSize(1);
    }

    @ParameterizedTest(name = "{0} is not proxied")
    @ValueSource(strings = {"ftp://images.example.org/f", "file:///etc/passwd", "gopher://images.example.org:70/_x",
            "https://images.example.org/"})
    void refusesOtherSchemes(String uri) {
        assertThat(p.send(get(uri))).startsWith("HTTP/1.1 400 ").contains("unsupported-scheme");
        assertThat(p.channel.isActive()).isFalse();
        assertReleased();
    }

    @Test
    void refusesOriginFormRequestsAddressedToTheFirewallItself() {
        assertThat(p.send(get("/admin"))).startsWith("HTTP/1.1 400 ").contains("not-a-proxy-request");
        assertReleased();
    }

    @Test
    void refusesUserinfoAndPortlessOrBadAuthorities() {
        assertThat(p.send(get("http://user@images.example.org/"))).startsWith("HTTP/1.1 400 ")
                .contains("malformed-target");
        PolicyPipeline q = new PolicyPipeline();
        assertThat(q.send(connect("images.example.org"))).startsWith("HTTP/1.1 400 ");
        q.close();
        PolicyPipeline r = new PolicyPipeline();
        assertThat(r.send(connect("images.example.org:99999"))).startsWith("HTTP/1.1 400 ");
        r.close();
    }

    @Test
    void refusesPercentEncodedAndOtherwiseInvalidHostNames() {
        assertThat(p.send(get("http://127%2e0.0.1/"))).startsWith("HTTP/1.1 400 ").contains("invalid-host");
    }

    @Test
    void refusesAMalformedRequestAndCloses() {
        assertThat(p.send("GARBAGE\r\n\r\n")).startsWith("HTTP/1.1 400 ");
        assertThat(p.channel.isActive()).isFalse();
        assertReleased();
    }

    @Test
    void refusesAnOversizedRequestHeadWith431() {
        String big = "X-Big: " + "a".repeat(4000) + "\r\n";
        assertThat(p.send("GET http://images.example.org/ HTTP/1.1\r\n" + big + auth() + "\r\n"))
                .startsWith("HTTP/1.1 431 ");
        assertThat(p.channel.isActive()).isFalse();
    }

    @Test
    void refusesAnOversizedBodyWith413() {
        String out = p.send("POST http://images.example.org/ HTTP/1.1\r\nContent-Length: 100\r\n" + auth() + "\r\n"
                + "x".repeat(100));
        assertThat(out).startsWith("HTTP/1.1 413 ");
        assertThat(p.allowed).isEmpty();
    }
}
