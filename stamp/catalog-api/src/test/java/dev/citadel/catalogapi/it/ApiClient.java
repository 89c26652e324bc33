package dev.citadel.catalogapi.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A client of one catalog-api instance under test on loopback, as the edge calls it (its checks are off here). */
final class ApiClient {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final int port;

    ApiClient(int port) {
        this.port = port;
    }

    HttpClient http() {
        return http;
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** Traffic only after readiness, as the orchestrator and the edge do. */
    ApiClient awaitReadiness() {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                .until(() -> send("GET", "/actuator/health/readiness", null).statusCode() == 200);
        return this;
    }

    /** {@code headers} are name, value pairs; a body is sent as JSON. */
    HttpResponse<String> send(String method, String path, String body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path))
                .timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Creates an item (201 asserted) and returns its id. */
    String createItem(String name, String imageUrl) throws Exception {
        String image = imageUrl == null ? "" : ",\"imageUrl\":\"" + imageUrl + "\"";
        HttpResponse<String> r = send("POST", "/api/1.0/catalogitem",
                "{\"name\":\"" + name + "\",\"description\":\"d\",\"price\":9.99" + image + "}",
                "X-API-KEY", ApiEngines.API_KEY);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return idOf(r.headers().firstValue("Location").orElseThrow());
    }

    static String idOf(String location) {
        return location.substring(location.lastIndexOf('/') + 1);
    }
}
