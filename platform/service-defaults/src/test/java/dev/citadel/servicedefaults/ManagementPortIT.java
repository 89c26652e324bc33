package dev.citadel.servicedefaults;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A real service with a separate management port: the identity check must be registered in Boot's child management
 * context (filters of the main context never see that port). Plain HTTP here, so every management request is refused
 * as certificate-less, while the public port answers and its errors are problem+json with a correlation id.
 */
@SpringBootTest(classes = ManagementPortIT.App.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"management.server.port=0", "management.endpoints.web.exposure.include=health,prometheus,env",
                "citadel.edge.id=edge-7f3a"})
class ManagementPortIT {

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @RestController
    static class App {
        @GetMapping("/hello")
        String hello() {
            return "hello";
        }
    }

    @Value("${local.server.port}")
    int port;
    @Value("${local.management.port}")
    int managementPort;

    private final HttpClient client = HttpClient.newHttpClient();

    private HttpResponse<String> get(int port, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01").build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A request to the public port as the edge sends it (its id in the header). */
    private HttpResponse<String> fromEdge(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("X-Edge-Id", "edge-7f3a").build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theSeparateManagementPortRefusesARequestWithoutClientIdentity() throws Exception {
        HttpResponse<String> health = get(managementPort, "/actuator/health");
        assertThat(health.statusCode()).isEqualTo(403);
        assertThat(health.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(health.body()).contains("https://citadel.dev/problems/management-forbidden")
                .contains("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(get(managementPort, "/actuator/env").statusCode()).isEqualTo(403);
    }

    @Test
    void thePublicPortCarriesTheCorrelationIdOfTheTraceparent() throws Exception {
        HttpResponse<String> hello = get(port, "/hello");
        assertThat(hello.statusCode()).as("no edge id").isEqualTo(403);
        assertThat(hello.headers().firstValue("X-Correlation-ID")).hasValue("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(fromEdge("/hello").statusCode()).isEqualTo(200);
    }

    @Test
    void withASeparateManagementPortNoPathOfThePublicPortEscapesTheEdgeChecks() throws Exception {
        // Plain HTTP carries no client certificate, so only the edge-id header is judged here: the actuator path on
        // the public port is not exempt from it, and is refused before it could reach anything.
        HttpResponse<String> actuator = get(port, "/actuator/health");
        assertThat(actuator.statusCode()).isEqualTo(403);
        assertThat(actuator.body()).contains("https://citadel.dev/problems/edge-forbidden");
    }

    @Test
    void frameworkErrorsOnThePublicPortAreProblemJson() throws Exception {
        HttpResponse<String> missing = fromEdge("/nowhere");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(missing.body()).contains("https://citadel.dev/problems/not-found").contains("correlationId")
                .doesNotContain("Exception");
    }
}
