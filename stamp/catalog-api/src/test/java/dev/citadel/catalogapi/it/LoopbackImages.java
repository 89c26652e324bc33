package dev.citadel.catalogapi.it;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test-only: an image origin and a tiny HTTP forward proxy on loopback (standing in for the egress firewall), so the
 * API's image fetch is proven to go through the configured proxy ({@link #proxied()} counts what it relayed).
 */
final class LoopbackImages implements AutoCloseable {

    static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13};

    private final HttpServer origin;
    private final HttpServer proxy;
    private final AtomicInteger proxied = new AtomicInteger();
    private final HttpClient direct = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();

    LoopbackImages() throws IOException {
        origin = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        origin.createContext("/lamp.png", ex -> {
            ex.getResponseHeaders().add("Content-Type", "image/png");
            ex.sendResponseHeaders(200, PNG.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(PNG);
            }
        });
        origin.createContext("/page.html", ex -> {
            ex.getResponseHeaders().add("Content-Type", "text/html");
            ex.sendResponseHeaders(200, 5);
            try (OutputStream out = ex.getResponseBody()) {
                out.write("<p>x</p>".getBytes(), 0, 5);
            }
        });
        origin.setExecutor(Executors.newCachedThreadPool());
        origin.start();

        // A forward proxy receives absolute-form requests ("GET http://host/path") and relays them.
        proxy = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        proxy.createContext("/", ex -> {
            proxied.incrementAndGet();
            URI target = ex.getRequestURI();
            try {
                HttpResponse<InputStream> r = direct.send(HttpRequest.newBuilder(target).GET().build(),
                        HttpResponse.BodyHandlers.ofInputStream());
                r.headers().firstValue("Content-Type").ifPresent(v -> ex.getResponseHeaders().add("Content-Type", v));
                byte[] body = r.body().readAllBytes();
                ex.sendResponseHeaders(r.statusCode(), body.length == 0 ? -1 : body.length);
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(body);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                ex.sendResponseHeaders(502, -1);
            } finally {
                ex.close();
            }
        });
        proxy.setExecutor(Executors.newCachedThreadPool());
        proxy.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + origin.getAddress().getPort() + path;
    }

    int proxyPort() {
        return proxy.getAddress().getPort();
    }

    int proxied() {
        return proxied.get();
    }

    @Override
    public void close() {
        proxy.stop(0);
        origin.stop(0);
    }
}
