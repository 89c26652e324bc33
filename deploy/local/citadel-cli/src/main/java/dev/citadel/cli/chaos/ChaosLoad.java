package dev.citadel.cli.chaos;

import dev.citadel.cli.chaos.RequestOutcome.Operation;
import dev.citadel.cli.services.EdgeConfig;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import javax.net.ssl.SSLContext;

/**
 * The reference mix through the edge, as internet clients send it (50 % get item, 30 % list, 10 % rate, 10 % comment),
 * at a fixed total rate spread over {@code clients} threads, recording every outcome. Writes are real (no
 * {@code X-TEST-DATA} short TTL): the audit must still find them after the run. Every write carries its own
 * {@code Idempotency-Key}, as a client that wants its writes retry-safe sends them: with it the edge may retry a
 * write that failed on one stamp on the other, and the API stores it once whatever happened to the first try.
 */
final class ChaosLoad {

    /** Longer than the edge's whole request (a try and its retry), so the client hears the edge's answer. */
    static final Duration REQUEST_TIMEOUT = Duration.ofMillis(EdgeConfig.OVERALL_MS).plusSeconds(3);

    private final URI edge;
    private final HttpClient http;
    private final List<String> itemIds;
    private final int clients;
    private final long intervalNanos;
    private final List<RequestOutcome> outcomes = Collections.synchronizedList(new ArrayList<>());
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;

    ChaosLoad(URI edge, SSLContext tls, List<String> itemIds, int clients, int requestsPerSecond) {
        if (itemIds.isEmpty()) {
            throw new IllegalArgumentException("no catalog items to read: load sample data first");
        }
        this.edge = edge;
        this.http = HttpClient.newBuilder().sslContext(tls).version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(3)).build();
        this.itemIds = List.copyOf(itemIds);
        this.clients = clients;
        this.intervalNanos = Duration.ofSeconds(1).toNanos() * clients / Math.max(1, requestsPerSecond);
    }

    void start() {
        running = true;
        for (int i = 0; i < clients; i++) {
            Thread client = new Thread(this::loop, "chaos-client-" + i);
            client.setDaemon(true);
            client.start();
            threads.add(client);
        }
    }

    /** Stops the clients, waits for their last requests, and returns every outcome in the order they ended. */
    List<RequestOutcome> stop() {
        running = false;
        for (Thread t : threads) {
            try {
                t.join(REQUEST_TIMEOUT.toMillis() + 1_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (outcomes) {
            return outcomes.stream().sorted((a, b) -> Long.compare(a.endMillis(), b.endMillis())).toList();
        }
    }

    private void loop() {
        long next = System.nanoTime() + ThreadLocalRandom.current().nextLong(intervalNanos);
        while (running) {
            LockSupport.parkNanos(next - System.nanoTime());
            // No catching up after a slow answer: a burst would be load the fault did not cause.
            next = Math.max(next + intervalNanos, System.nanoTime());
            outcomes.add(send(pick()));
        }
    }

    private static Operation pick() {
        int p = ThreadLocalRandom.current().nextInt(100);
        return p < 50 ? Operation.GET_ITEM : p < 80 ? Operation.LIST_ITEMS : p < 90 ? Operation.RATE : Operation.COMMENT;
    }

    private RequestOutcome send(Operation operation) {
        String id = itemIds.get(ThreadLocalRandom.current().nextInt(itemIds.size()));
        HttpRequest.Builder request = switch (operation) {
            case GET_ITEM -> HttpRequest.newBuilder(edge.resolve("/api/1.0/catalogitem/" + id)).GET();
            case LIST_ITEMS -> HttpRequest.newBuilder(edge.resolve("/api/1.0/catalogitem?limit=20")).GET();
            case RATE -> json(edge.resolve("/api/1.0/catalogitem/" + id + "/ratings"),
                    "{\"rating\":" + (1 + ThreadLocalRandom.current().nextInt(5)) + "}");
            case COMMENT -> json(edge.resolve("/api/1.0/catalogitem/" + id + "/comments"),
                    "{\"authorName\":\"chaos\",\"text\":\"written during a chaos experiment\"}");
        };
        long start = System.currentTimeMillis();
        try {
            HttpResponse<Void> response = http.send(request.timeout(REQUEST_TIMEOUT).build(),
                    HttpResponse.BodyHandlers.discarding());
            String location = response.headers().firstValue("Location").map(l -> URI.create(l).getPath()).orElse("");
            return new RequestOutcome(start, System.currentTimeMillis(), operation, response.statusCode(), "",
                    response.headers().firstValue("X-Server-Location").orElse(""), location);
        } catch (HttpTimeoutException e) {
            return failed(start, operation, "timeout");
        } catch (ConnectException e) {
            return failed(start, operation, "connect refused");
        } catch (IOException e) {
            return failed(start, operation, "connection error");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(start, operation, "interrupted");
        }
    }

    private static HttpRequest.Builder json(URI uri, String body) {
        return HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private static RequestOutcome failed(long start, Operation operation, String error) {
        return new RequestOutcome(start, System.currentTimeMillis(), operation, 0, error, "", "");
    }
}
