package dev.citadel.catalogbench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.citadel.platform.pki.Secret;

/**
 * A service's Spring Boot jar as a child JVM, configured like its ITs do: properties as arguments, secrets as a
 * key-per-file configtree directory (0700/0600) named by CITADEL_SECRETS_DIR. Output goes to a log file.
 */
final class ChildService implements AutoCloseable {

    final String name;
    final int port;
    final Path log;
    private final Process process;

    private ChildService(String name, int port, Path log, Process process) {
        this.name = name;
        this.port = port;
        this.log = log;
        this.process = process;
    }

    static ChildService start(String name, Path jar, String heap, List<String> args, Map<String, Secret> secrets,
            Path workDir) {
        try {
            Path secretsDir = workDir.resolve("secrets-" + name);
            Files.createDirectories(secretsDir);
            Files.setPosixFilePermissions(secretsDir, PosixFilePermissions.fromString("rwx------"));
            for (Map.Entry<String, Secret> e : secrets.entrySet()) {
                Path file = secretsDir.resolve(e.getKey());
                Files.writeString(file, e.getValue().reveal(), StandardCharsets.UTF_8);
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            }
            int port = freePort();
            List<String> command = new ArrayList<>();
            command.add(ProcessHandle.current().info().command().orElse("java"));
            command.add(heap);
            command.add("-jar");
            command.add(jar.toString());
            command.add("--server.address=127.0.0.1");
            command.add("--server.port=" + port);
            command.addAll(args);
            Path log = workDir.resolve(name + ".log");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().put("CITADEL_SECRETS_DIR", secretsDir.toString());
            return new ChildService(name, port, log, builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Polls the readiness probe until 200; fails fast if the child died, and after {@code timeout}. */
    void awaitReady(HttpClient http, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        URI uri = URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness");
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log);
            }
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET()
                        .build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException(name + " not ready within " + timeout + "; see " + log);
    }

    /** SIGTERM (graceful shutdown), then SIGKILL if it has not exited within 30 s. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
