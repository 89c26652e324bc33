package dev.citadel.egress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsServer;
import dev.citadel.egress.config.EgressConfigLoader;
import dev.citadel.platform.pki.IssuedCertificate;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Authenticator;
import java.net.InetSocketAddress;
import java.net.PasswordAuthentication;
import java.net.ProxySelector;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The real firewall on loopback, driven the way catalog-api drives it: java.net.http.HttpClient with
 * ProxySelector.of and an Authenticator (Basic enabled for CONNECT). A bait server counts every request that
 * reaches it; no SSRF form may ever reach it.
 */
class EgressFirewallIT {
    static {
        // The JDK disables Basic for proxy tunnels by default; catalog-api enables it the same way.
        System.setProperty("jdk.http.auth.tunneling.disabledSchemes", "");
    }

    private static final AtomicInteger BAIT = new AtomicInteger();
    private static final AtomicInteger ORIGIN = new AtomicInteger();
    private static final AtomicInteger TLS_ORIGIN = new AtomicInteger();
    private static EgressFixture fx;
    private static HttpServer bait;
    private static HttpServer origin;
    private static HttpsServer tlsOrigin;
    private static EgressFirewallServer firewall;
    private static int baitPort;
    private static int originPort;
    private static int closedPort;

    @BeforeAll
    static void start() throws Exception {
        fx = new EgressFixture();
        bait = EgressFixture.bait(BAIT);
        origin = EgressFixture.origin(ORIGIN);
        tlsOrigin = fx.tlsOrigin(TLS_ORIGIN);
        baitPort = bait.getAddress().getPort();
        originPort = origin.getAddress().getPort();
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        firewall = new EgressFirewallServer(EgressConfigLoader.parse(
                fx.yaml(tlsOrigin.getAddress().getPort(), originPort, baitPort, closedPort))).start();
    }

    @AfterAll
    static void stop() {
        firewall.close();
        bait.stop(0);
        origin.stop(0);
        tlsOrigin.stop(0);
        fx.delete();
    }

    @AfterEach
    void baitWasNeverReached() {
        assertThat(BAIT.get()).as("requests that reached the bait").isZero();
    }

    private static HttpClient client(String password) {
        HttpClient.Builder b = HttpClient.newBuilder()
                .proxy(ProxySelector.of(new InetSocketAddress("127.0.0.1", firewall.proxyPort())))
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(5))
                .sslContext(fx.sslContext(null));
        if (password != null) {
            b.authenticator(new Authenticator() {
                @Override
                protected PasswordAuthentication getPasswordAuthentication() {
                    return getRequestorType() == RequestorType.PROXY
                            ? new PasswordAuthentication("catalog-api", password.toCharArray()) : null;
                }
            });
        }
        return b.build();
    }

    private static HttpResponse<String> get(HttpClient client, String uri) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String basic(String password) {
        return Base64.getEncoder().encodeToString(("catalog-api:" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** Sends a raw request head to the proxy; returns the status line (for forms HttpClient cannot send). */
    private static String raw(String requestLine, String password) throws IOException {
        try (Socket s = new Socket("127.0.0.1", firewall.proxyPort())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write((requestLine + "\r\nHost: x\r\nProxy-Authorization: Basic " + basic(password) + "\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = s.getInputStream();
            StringBuilder line = new StringBuilder();
            int c;
            while ((c = in.read()) >= 0 && c != '\r') {
                line.append((char) c);
            }
            return line.toString();
        }
    }

    @Test
    void fetchesAnAllowedNameOverPlainHttpWithoutPassingTheCredentialOn() throws Exception {
        HttpResponse<String> r = get(client(EgressFixture.PASSWORD),
                "http://images.citadel.test:" + originPort + "/hello");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("hello via images.citadel.test:" + originPort);
    }

    @Test
    void tunnelsTlsToAnAllowedNameWithoutInterception() throws Exception {
        int before = TLS_ORIGIN.get();
        HttpResponse<String> r = get(client(EgressFixture.PASSWORD),
                "https://" + EgressFixture.TLS_HOST + ":" + tlsOrigin.getAddress().getPort() + "/");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("secret-free tls hello");
        assertThat(TLS_ORIGIN.get()).isEqualTo(before + 1);
    }

    /** localhost is listed for the bait's port, but without allowSpecialAddresses: the system resolver's answer
     *  (127.0.0.1) is refused. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"http://localhost:%d/", "http://[::1]:%d/", "http://[::ffff:127.0.0.77]:%d/",
            "http://127.0.0.1:%d/", "http://looks-public.citadel.test:%d/"})
    void refusesSsrfFormsOfPlainHttp(String template) throws Exception {
        HttpResponse<String> r = get(client(EgressFixture.PASSWORD), template.formatted(baitPort));
        assertThat(r.statusCode()).isEqualTo(403);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"https://localhost:%d/", "https://127.0.0.1:%d/", "https://looks-public.citadel.test:%d/"})
    void refusesSsrfTunnels(String template) {
        assertThatThrownBy(() -> get(client(EgressFixture.PASSWORD), template.formatted(baitPort)))
                .isInstanceOf(IOException.class).hasMessageContaining("403");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"GET http://2130706433:%d/ HTTP/1.1", "CONNECT 2130706433:%d HTTP/1.1",
            "GET http://0x7f.1:%d/ HTTP/1.1", "CONNECT 127.1:%d HTTP/1.1", "CONNECT [::ffff:127.0.0.77]:%d HTTP/1.1",
            "CONNECT [::1]:%d HTTP/1.1", "GET http://0177.0.0.1:%d/ HTTP/1.1"})
    void refusesNumericHostFormsHttpClientCannotEvenSend(String template) throws Exception {
        assertThat(raw(template.formatted(baitPort), EgressFixture.PASSWORD)).startsWith("HTTP/1.1 403 ");
    }

    @ParameterizedTest(name = "{0} to {1}")
    @ValueSource(strings = {"302 http://127.0.0.1:%d/stolen", "307 http://localhost:%d/", "302 http://[::1]:%d/",
            "307 http://looks-public.citadel.test:%d/"})
    void refusesTheSecondHopOfARedirectToAnInternalAddress(String redirect) throws Exception {
        String[] parts = redirect.split(" ");
        int before = ORIGIN.get();
        String to = URLEncoder.encode(parts[1].formatted(baitPort), StandardCharsets.UTF_8);
        HttpResponse<String> r = get(client(EgressFixture.PASSWORD),
                "http://images.citadel.test:" + originPort + "/redirect?code=" + parts[0] + "&to=" + to);
        assertThat(ORIGIN.get()).as("the allowed first hop").isEqualTo(before + 1);
        assertThat(r.statusCode()).isEqualTo(403);
    }

    @Test
    void refusesAListedNameThatTheSystemResolverMapsToLoopback() throws Exception {
        double before = firewall.metrics().count("citadel.egress.firewall.decisions", "reason", "special-address");
        assertThat(get(client(EgressFixture.PASSWORD), "http://localhost:" + baitPort + "/").statusCode())
                .isEqualTo(403);
        assertThat(firewall.metrics().count("citadel.egress.firewall.decisions", "reason", "special-address"))
                .isEqualTo(before + 1);
    }

    @Test
    void challengesAClientWithoutCredentials() throws Exception {
        HttpResponse<String> r = get(client(null), "http://images.citadel.test:" + originPort + "/hello");
        assertThat(r.statusCode()).isEqualTo(407);
        assertThat(r.headers().firstValue("Proxy-Authenticate")).contains("Basic realm=\"citadel-egress\"");
    }

    @Test
    void refusesWrongCredentialsWith407() throws Exception {
        assertThat(raw("CONNECT secure.citadel.test:" + tlsOrigin.getAddress().getPort() + " HTTP/1.1", "wrong"))
                .startsWith("HTTP/1.1 407 ");
        assertThat(raw("GET http://images.citadel.test:" + originPort + "/ HTTP/1.1", "wrong"))
                .startsWith("HTTP/1.1 407 ");
    }

    @Test
    void answers502AndCountsAnAllowedDestinationThatRefuses() throws Exception {
        HttpResponse<String> r = get(client(EgressFixture.PASSWORD), "http://images.citadel.test:" + closedPort + "/");
        assertThat(r.statusCode()).isEqualTo(502);
        assertThat(r.headers().firstValue("Proxy-Status")).hasValue("citadel-egress-firewall; error=connection_refused");
        assertThat(firewall.metrics().count("citadel.egress.firewall.upstream.failures", "source", "catalog-api",
                "reason", "connect-refused")).isEqualTo(1);
    }

    @Test
    void servesMetricsAndHealthToAllowedClientCertificatesOnly() throws Exception {
        get(client(EgressFixture.PASSWORD), "http://not-listed.citadel.test:" + baitPort + "/"); // a denial to show
        HttpResponse<String> metrics = management(fx.operator, "/metrics");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("citadel_egress_firewall_decisions_total{decision=\"denied\","
                + "reason=\"not-allow-listed\",source=\"catalog-api\"}");
        assertThat(management(fx.scraper, "/health").statusCode()).isEqualTo(200);
        assertThat(management(fx.intruder, "/metrics").statusCode()).isEqualTo(403);
        assertThatThrownBy(() -> management(fx.foreignOperator, "/metrics")).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> management(null, "/metrics")).isInstanceOf(IOException.class);
    }

    @Test
    void writesEveryDecisionAsOneJsonLineWithoutCredentials() throws Exception {
        get(client(EgressFixture.PASSWORD), "http://images.citadel.test:" + originPort + "/hello");
        get(client(EgressFixture.PASSWORD), "http://not-listed.citadel.test:" + baitPort + "/");
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() ->
                Files.readString(fx.decisionLog()).contains("\"decision\":\"allowed\""));
        String log = Files.readString(fx.decisionLog());
        assertThat(log.lines()).allSatisfy(l -> assertThat(l).startsWith("{\"time\":\"").endsWith("}"));
        assertThat(log).contains("\"source\":\"catalog-api\"").contains("\"decision\":\"denied\"")
                .contains("\"reason\":\"not-allow-listed\"").contains("\"stamp\":\"region1\"")
                .doesNotContain(EgressFixture.PASSWORD).doesNotContain(basic(EgressFixture.PASSWORD));
    }

    private static HttpResponse<String> management(IssuedCertificate cert, String path) throws Exception {
        HttpClient c = HttpClient.newBuilder().sslContext(fx.sslContext(cert)).connectTimeout(Duration.ofSeconds(5))
                .build();
        return c.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + firewall.managementPort() + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
