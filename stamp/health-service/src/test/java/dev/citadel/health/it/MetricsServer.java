package dev.citadel.health.it;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback Prometheus endpoint standing in for catalog-api's management port: serves the exact series catalog-api
 * exposes ({@code http_server_requests_seconds_count/sum} with Micrometer's labels), with counters the test moves.
 * catalog-api itself is not started here to keep the module's IT time modest (README, Tests).
 */
final class MetricsServer implements AutoCloseable {

    private final HttpServer server;
    final AtomicLong succeeded = new AtomicLong();
    final AtomicLong failed = new AtomicLong();

    MetricsServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/actuator/prometheus", exchange -> {
            byte[] body = text().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/actuator/prometheus";
    }

    private String text() {
        long ok = succeeded.get();
        long bad = failed.get();
        String labels = "application=\"catalog-api\",error=\"none\",exception=\"none\",method=\"GET\",";
        return "# HELP http_server_requests_seconds\n"
                + "# TYPE http_server_requests_seconds summary\n"
                + "http_server_requests_seconds_count{" + labels
                + "outcome=\"SUCCESS\",status=\"200\",uri=\"/api/1.0/catalogitem\"} " + ok + "\n"
                + "http_server_requests_seconds_sum{" + labels
                + "outcome=\"SUCCESS\",status=\"200\",uri=\"/api/1.0/catalogitem\"} " + ok * 0.02 + "\n"
                + "http_server_requests_seconds_count{" + labels.replace("error=\"none\"", "error=\"RuntimeException\"")
                + "outcome=\"SERVER_ERROR\",status=\"500\",uri=\"/api/1.0/catalogitem\"} " + bad + "\n"
                + "http_server_requests_seconds_sum{" + labels.replace("error=\"none\"", "error=\"RuntimeException\"")
                + "outcome=\"SERVER_ERROR\",status=\"500\",uri=\"/api/1.0/catalogitem\"} " + bad * 0.02 + "\n";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
