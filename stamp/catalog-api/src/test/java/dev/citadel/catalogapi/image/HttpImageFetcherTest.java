package dev.citadel.catalogapi.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.citadel.catalogapi.config.CatalogApiProperties;
import dev.citadel.catalogapi.problem.ImageFetchException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/**
 * Against a loopback HTTP server (no proxy): status, content type, size cap (declared and streamed), deadline; and
 * the egress counter ({@code citadel.egress.requests}) each outcome leaves behind.
 */
class HttpImageFetcherTest {

    private HttpServer server;
    private HttpImageFetcher fetcher;
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/ok.png", ex -> {
            ex.getResponseHeaders().add("Content-Type", "image/png");
            byte[] body = {1, 2, 3, 4};
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.createContext("/page.html", ex -> {
            ex.getResponseHeaders().add("Content-Type", "text/html");
            ex.sendResponseHeaders(200, 2);
            ex.getResponseBody().write("hi".getBytes());
            ex.close();
        });
        server.createContext("/logo.svg", ex -> {
            ex.getResponseHeaders().add("Content-Type", "image/svg+xml");
            ex.sendResponseHeaders(200, 2);
            ex.getResponseBody().write("<s".getBytes());
            ex.close();
        });
        server.createContext("/missing.png", ex -> {
            ex.sendResponseHeaders(404, -1);
            ex.close();
        });
        server.createContext("/big-declared.png", ex -> {
            ex.getResponseHeaders().add("Content-Type", "image/png");
            ex.sendResponseHeaders(200, 2048);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(new byte[2048]);
            } catch (java.io.IOException expectedWhenTheClientAborts) {
                // the fetcher refuses on the declared length alone
            }
        });
        server.createContext("/big-chunked.png", ex -> {
            ex.getResponseHeaders().add("Content-Type", "image/png");
            ex.sendResponseHeaders(200, 0); // chunked: no length announced
            try (OutputStream out = ex.getResponseBody()) {
                for (int i = 0; i < 64; i++) {
                    out.write(new byte[256]);
                    out.flush();
                }
            } catch (java.io.IOException expectedWhenTheClientAborts) {
                // the fetcher cancels the download past the cap
            }
        });
        server.createContext("/slow.png", ex -> {
            try {
                Thread.sleep(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ex.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
        fetcher = new HttpImageFetcher(properties(DataSize.ofKilobytes(1), Duration.ofSeconds(3)), meters);
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private static CatalogApiProperties properties(DataSize max, Duration readTimeout) {
        var images = new CatalogApiProperties.Images(null, 0, "catalog-api", null, Duration.ofSeconds(1), readTimeout, max,
                Duration.ofDays(1));
        return new CatalogApiProperties("r", "s", null, null, null, images, null);
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    @Test
    void fetchesAnImageWithItsContentType() {
        FetchedImage image = fetcher.fetch(url("/ok.png"));
        assertThat(image.contentType()).isEqualTo("image/png");
        assertThat(image.bytes()).containsExactly(1, 2, 3, 4);
    }

    @Test
    void refusesNonImagesAndSvg() {
        assertThatThrownBy(() -> fetcher.fetch(url("/page.html"))).isInstanceOf(ImageFetchException.class)
                .hasMessageContaining("image/*");
        assertThatThrownBy(() -> fetcher.fetch(url("/logo.svg"))).isInstanceOf(ImageFetchException.class);
    }

    @Test
    void refusesAnErrorStatus() {
        assertThatThrownBy(() -> fetcher.fetch(url("/missing.png"))).isInstanceOf(ImageFetchException.class)
                .hasMessageContaining("404");
    }

    @Test
    void refusesImagesOverTheCapDeclaredOrStreamed() {
        assertThatThrownBy(() -> fetcher.fetch(url("/big-declared.png"))).isInstanceOf(ImageFetchException.class)
                .hasMessageContaining("larger than 1024");
        assertThatThrownBy(() -> fetcher.fetch(url("/big-chunked.png"))).isInstanceOf(ImageFetchException.class)
                .hasMessageContaining("larger than 1024");
    }

    @Test
    void givesUpOnASlowServerWithinTheDeadline() {
        long started = System.nanoTime();
        assertThatThrownBy(() -> fetcher.fetch(url("/slow.png"))).isInstanceOf(ImageFetchException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(9));
    }

    @Test
    void refusesAnUnreachableHost() {
        assertThatThrownBy(() -> fetcher.fetch(URI.create("http://127.0.0.1:1/x.png")))
                .isInstanceOf(ImageFetchException.class);
    }

    @Test
    void countsEachFetchOnceWithItsOutcomeAndReason() {
        fetcher.fetch(url("/ok.png"));
        assertThat(egress("success", "none")).isEqualTo(1.0);
        assertThat(egress("failure", "unreachable")).as("registered at zero before any failure").isZero();

        assertThatThrownBy(() -> fetcher.fetch(URI.create("http://127.0.0.1:1/x.png")));
        assertThatThrownBy(() -> fetcher.fetch(url("/slow.png")));
        assertThatThrownBy(() -> fetcher.fetch(url("/missing.png")));
        assertThatThrownBy(() -> fetcher.fetch(url("/page.html")));
        assertThatThrownBy(() -> fetcher.fetch(url("/big-chunked.png")));

        assertThat(egress("failure", "unreachable")).isEqualTo(1.0);
        assertThat(egress("failure", "timeout")).isEqualTo(1.0);
        assertThat(egress("failure", "http-status")).isEqualTo(1.0);
        assertThat(egress("failure", "not-an-image")).isEqualTo(1.0);
        assertThat(egress("failure", "too-large")).isEqualTo(1.0);
        assertThat(meters.get("citadel.egress.requests").tag("outcome", "failure").counters().stream()
                .mapToDouble(c -> c.count()).sum()).as("five failed fetches, five counts in all").isEqualTo(5.0);
        assertThat(egress("success", "none")).isEqualTo(1.0);
    }

    @Test
    void onlyTheEgressPathsOwnFailuresCountAgainstThePath() {
        assertThat(java.util.Arrays.stream(EgressCalls.Reason.values()).filter(EgressCalls.Reason::pathFailure)
                .map(EgressCalls.Reason::tag)).containsExactlyInAnyOrder("unreachable", "timeout", "io");
    }

    private double egress(String outcome, String reason) {
        return meters.get("citadel.egress.requests").tag("outcome", outcome).tag("reason", reason).counter().count();
    }

    @Test
    void acceptsOnlyRealImageTypes() {
        assertThat(HttpImageFetcher.isAcceptedImageType("image/jpeg; charset=binary")).isTrue();
        assertThat(HttpImageFetcher.isAcceptedImageType("IMAGE/PNG")).isTrue();
        for (String t : List.of("", "image/", "text/plain", "image/svg+xml", "application/octet-stream")) {
            assertThat(HttpImageFetcher.isAcceptedImageType(t)).as(t).isFalse();
        }
    }
}
