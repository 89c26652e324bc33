package dev.citadel.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The stamp's egress firewall against server-side request forgery, end to end: item creates whose image URL points
 * at an internal address in every spelling, or at an allowed name that redirects or resolves inward, are refused
 * (4xx problem+json), a bait server listening on every loopback address counts zero requests, and nothing is
 * stored. The one listed destination is fetched and served. The rules are those of {@code system-topology.yaml}.
 */
class EgressIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String ITEMS = "/api/1.0/catalogitem";
    private static final int IMAGES_PORT = 18780;
    private static final int BAIT_PORT = 18781;
    private static final String PREFIX = "SSRF probe ";

    private static RunningCitadel citadel;
    private static HttpClient internet;
    private static HttpClient edge;
    private static HttpServer images;
    private static HttpServer bait;
    private static final AtomicInteger baitRequests = new AtomicInteger();
    private static byte[] png;

    @BeforeAll
    static void startTheImageServerAndTheBait() throws Exception {
        citadel = RunningCitadel.get();
        internet = HttpClient.newBuilder().sslContext(citadel.sslContext()).connectTimeout(Duration.ofSeconds(5)).build();
        edge = HttpClient.newBuilder().sslContext(citadel.edgeClientSslContext())
                .connectTimeout(Duration.ofSeconds(5)).build();
        png = onePixelPng();
        images = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), IMAGES_PORT), 16);
        images.createContext("/ok.png", ex -> answer(ex, 200, "image/png", png));
        images.createContext("/redirect-302", ex -> redirect(ex, 302, "http://127.0.0.1:" + BAIT_PORT + "/x.png"));
        images.createContext("/redirect-307", ex -> redirect(ex, 307, "http://bait.citadel.test:" + BAIT_PORT + "/x.png"));
        images.createContext("/redirect-localhost", ex -> redirect(ex, 301, "http://localhost:" + BAIT_PORT + "/x.png"));
        images.start();
        // The wildcard address: every loopback spelling (127/8, ::1, IPv4-mapped) would reach it if let through.
        bait = HttpServer.create(new InetSocketAddress(BAIT_PORT), 16);
        bait.createContext("/", ex -> {
            baitRequests.incrementAndGet();
            answer(ex, 200, "image/png", png);
        });
        bait.start();
    }

    @AfterAll
    static void stopServers() {
        if (images != null) {
            images.stop(0);
        }
        if (bait != null) {
            bait.stop(0);
        }
    }

    static List<String> forgedImageUrls() {
        String p = ":" + BAIT_PORT;
        return List.of("http://localhost" + p + "/x.png", "http://127.0.0.1" + p + "/x.png",
                "http://127.0.0.77" + p + "/x.png", "http://[::1]" + p + "/x.png", "http://2130706433" + p + "/x.png",
                "http://0x7f000001" + p + "/x.png", "http://017700000001" + p + "/x.png", "http://127.1" + p + "/x.png",
                "http://[::ffff:127.0.0.77]" + p + "/x.png", "http://[::ffff:7f00:1]" + p + "/x.png",
                "http://0.0.0.0" + p + "/x.png", "https://localhost" + p + "/x.png",
                "http://169.254.169.254/latest/meta-data/", "http://bait.citadel.test" + p + "/x.png",
                "https://bait.citadel.test" + p + "/x.png", "http://images.citadel.test" + p + "/x.png",
                "http://images.citadel.test:" + IMAGES_PORT + "/redirect-302",
                "http://images.citadel.test:" + IMAGES_PORT + "/redirect-307",
                "http://images.citadel.test:" + IMAGES_PORT + "/redirect-localhost",
                "ftp://127.0.0.1" + p + "/x.png", "file:///etc/passwd", "gopher://127.0.0.1" + p + "/_x",
                "jar:http://127.0.0.1" + p + "/x.png!/");
    }

    @Test
    void refusesEveryForgedImageUrlAtTheStampWithNothingFetchedAndNothingStored() throws Exception {
        Map<String, Integer> statuses = new LinkedHashMap<>();
        for (String url : forgedImageUrls()) {
            HttpResponse<String> response = send(edge, createItem(citadel.stampUri("region1", "catalog-api", ITEMS),
                    url).header("X-Edge-Id", citadel.edgeId("region1")).header("X-API-KEY", citadel.apiKey()).build());
            statuses.put(url, response.statusCode());
            assertThat(response.headers().firstValue("Content-Type")).as(url).hasValue("application/problem+json");
        }
        System.out.println("SSRF corpus straight to catalog-api-region1 (form -> status): " + statuses);
        assertThat(statuses).allSatisfy((url, status) -> assertThat(status).as(url).isIn(400, 422));
        assertThat(baitRequests.get()).as("requests that reached the bait").isZero();
        assertThat(storedProbes()).as("items stored by the probes").isEmpty();
    }

    @Test
    void refusesEveryForgedImageUrlThroughTheEdgeToo() throws Exception {
        Map<String, Integer> statuses = new LinkedHashMap<>();
        for (String url : forgedImageUrls()) {
            HttpResponse<String> response = send(internet, createItem(citadel.edgeUri(ITEMS), url)
                    .header("X-API-KEY", citadel.apiKey()).build());
            statuses.put(url, response.statusCode());
        }
        System.out.println("SSRF corpus through the edge (form -> status): " + statuses);
        // The edge's WAF may refuse some first (403); the rest reach catalog-api and its firewall.
        assertThat(statuses).allSatisfy((url, status) -> assertThat(status).as(url).isIn(400, 403, 422));
        assertThat(baitRequests.get()).as("requests that reached the bait").isZero();
        assertThat(storedProbes()).as("items stored by the probes").isEmpty();
    }

    @Test
    void fetchesAndServesTheImageOfTheOneListedDestination() throws Exception {
        HttpResponse<String> created = send(internet, createItem(citadel.edgeUri(ITEMS),
                "http://images.citadel.test:" + IMAGES_PORT + "/ok.png", "Listed image ").header("X-API-KEY", citadel.apiKey()).build());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = JSON.readTree(created.body()).path("id").asString();

        HttpResponse<byte[]> image = internet.send(HttpRequest.newBuilder(citadel.edgeUri("/images/" + id))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(image.statusCode()).isEqualTo(200);
        assertThat(image.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(image.body()).isEqualTo(png);
    }

    @Test
    void logsEveryRefusalWithTheSourceThatAskedAndNeverItsPassword() throws Exception {
        send(edge, createItem(citadel.stampUri("region1", "catalog-api", ITEMS), "http://localhost:" + BAIT_PORT + "/y.png")
                .header("X-Edge-Id", citadel.edgeId("region1")).header("X-API-KEY", citadel.apiKey()).build());
        Path log = citadel.runDir().resolve("logs/egress-firewall-region1-decisions.log");
        String password = Files.readString(citadel.runDir()
                .resolve("stamps/region1/egress-firewall/secrets/catalog-api-egress-password")).strip();

        String decisions = Files.readString(log);
        List<String> refusals = new ArrayList<>();
        // The first answer to each connection is the 407 challenge, before the source has said who it is.
        decisions.lines().filter(l -> l.contains("\"denied\"") && l.contains("localhost"))
                .filter(l -> !l.contains("proxy-auth-required")).forEach(refusals::add);
        assertThat(refusals).as(log.toString()).isNotEmpty()
                .allSatisfy(line -> assertThat(line).contains("catalog-api"));
        assertThat(decisions).doesNotContain(password);
    }

    // --- helpers ----------------------------------------------------------------------------------------------

    private static HttpRequest.Builder createItem(URI uri, String imageUrl) {
        return createItem(uri, imageUrl, PREFIX);
    }

    /** Probes are named with {@link #PREFIX}, which {@link #storedProbes} looks for; the listed image is not one. */
    private static HttpRequest.Builder createItem(URI uri, String imageUrl, String namePrefix) {
        String body = "{\"name\":\"" + namePrefix + UUID.randomUUID() + "\",\"description\":\"x\",\"imageUrl\":"
                + JSON.writeValueAsString(imageUrl) + ",\"price\":1.00}";
        return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    /** Read from each stamp directly (the edge may cache lists): a probe stored anywhere would show in its region. */
    private static List<String> storedProbes() throws Exception {
        List<String> names = new ArrayList<>();
        for (String region : citadel.regions()) {
            HttpResponse<String> list = send(edge, HttpRequest.newBuilder(citadel.stampUri(region, "catalog-api",
                    ITEMS + "?limit=1000")).header("X-Edge-Id", citadel.edgeId(region)).timeout(Duration.ofSeconds(30)).build());
            assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
            JSON.readTree(list.body()).forEach(i -> {
                String name = i.path("name").asString();
                if (name.startsWith(PREFIX)) {
                    names.add(region + ": " + name);
                }
            });
        }
        return names;
    }

    private static HttpResponse<String> send(HttpClient client, HttpRequest request) throws Exception {
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static void answer(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    private static void redirect(HttpExchange exchange, int status, String location) throws IOException {
        exchange.getResponseHeaders().set("Location", location);
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    private static byte[] onePixelPng() {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB), "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
