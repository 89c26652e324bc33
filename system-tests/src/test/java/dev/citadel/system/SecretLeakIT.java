package dev.citadel.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * No generated secret (passwords, API keys, edge ids, keystore passwords: every key-per-file value `up` wrote) appears
 * in any log file of the run or in what the edge answers an internet client or the operator.
 */
class SecretLeakIT {

    private static RunningCitadel citadel;
    private static Map<String, String> secrets;

    @BeforeAll
    static void collectEverySecret() {
        citadel = RunningCitadel.get();
        secrets = secretValues(citadel.runDir());
    }

    @Test
    void findsTheSecretsItLooksFor() {
        assertThat(secrets).as("secret files under " + citadel.runDir()).hasSizeGreaterThan(10)
                .containsKey("secrets/release-api-key");
    }

    @Test
    void noLogFileContainsAnySecretValue() throws IOException {
        List<String> leaks = new ArrayList<>();
        List<Path> logs;
        try (Stream<Path> files = Files.walk(citadel.runDir())) {
            logs = files.filter(Files::isRegularFile).filter(SecretLeakIT::isLog).toList();
        }
        assertThat(logs).as("log files of the run").isNotEmpty();
        for (Path log : logs) {
            String text = new String(Files.readAllBytes(log), StandardCharsets.ISO_8859_1);
            secrets.forEach((name, value) -> {
                if (text.contains(value)) {
                    leaks.add(name + " in " + citadel.runDir().relativize(log));
                }
            });
        }
        assertThat(leaks).isEmpty();
    }

    @Test
    void noResponseOfTheEdgeOrTheManagementPlaneContainsAnySecretValue() throws Exception {
        HttpClient internet = HttpClient.newBuilder().sslContext(citadel.sslContext()).build();
        HttpClient operator = HttpClient.newBuilder().sslContext(citadel.operatorSslContext()).build();
        List<String> bodies = new ArrayList<>();
        for (String path : List.of("/api/1.0/catalogitem", "/health/stamp", "/health/model", "/edge/status",
                "/api/1.0/catalogitem/not-a-uuid", "/api/9.9/catalogitem", "/v3/api-docs", "/",
                "/api/1.0/catalogitem?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E")) {
            bodies.add(path + " " + body(internet, HttpRequest.newBuilder(citadel.edgeUri(path))));
        }
        bodies.add("POST with a wrong API key " + body(internet, HttpRequest.newBuilder(citadel.edgeUri(
                "/api/1.0/catalogitem")).header("X-API-KEY", "wrong").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"x\",\"price\":1}"))));
        for (String path : List.of("/origins", "/status")) {
            bodies.add("admin " + path + " " + body(operator, HttpRequest.newBuilder(citadel.edgeManagementUri(path))));
        }
        for (String region : citadel.regions()) {
            for (String service : List.of("catalog-api", "health-service", "background-processor")) {
                for (String path : List.of("/actuator/health", "/actuator/prometheus", "/actuator/info")) {
                    bodies.add(service + "-" + region + path + " " + body(operator,
                            HttpRequest.newBuilder(citadel.managementUri(region, service, path))));
                }
            }
        }
        List<String> leaks = new ArrayList<>();
        for (String body : bodies) {
            secrets.forEach((name, value) -> {
                if (body.contains(value)) {
                    leaks.add(name + " in " + body.substring(0, Math.min(80, body.length())));
                }
            });
        }
        assertThat(leaks).isEmpty();
    }

    private static String body(HttpClient client, HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = client.send(request.timeout(Duration.ofSeconds(20)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.headers().map() + "\n" + response.body();
        } catch (IOException e) {
            return "(no answer: " + e + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Every log and console capture; not the engines' data files that happen to end in .log (commit log, Kafka's). */
    private static boolean isLog(Path file) {
        String path = file.toString();
        if (path.contains("/commitlog/") || path.contains("/data/")) {
            return false;
        }
        return path.contains("/logs/") || path.endsWith(".log") || path.endsWith(".out")
                || path.matches(".*\\.log\\.\\d+(\\.gz)?$");
    }

    /** Every key-per-file value: files in a {@code secrets/} directory, and the PKCS12 stores' passwords. */
    static Map<String, String> secretValues(Path runDir) {
        Map<String, String> values = new LinkedHashMap<>();
        try (Stream<Path> files = Files.walk(runDir)) {
            files.filter(Files::isRegularFile)
                    .filter(f -> f.getParent().getFileName().toString().equals("secrets")
                            || f.getFileName().toString().equals("store.password"))
                    .forEach(f -> {
                        try {
                            String value = Files.readString(f).strip();
                            // Shorter values would match by chance; every generated secret is far longer.
                            if (value.length() >= 12) {
                                values.put(runDir.relativize(f).toString(), value);
                            }
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return values;
    }
}
