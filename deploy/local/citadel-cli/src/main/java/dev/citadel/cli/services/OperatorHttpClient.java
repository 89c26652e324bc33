package dev.citadel.cli.services;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * An HTTP client presenting the operator's certificate as it is on disk, for a process that outlives a rotation of
 * it (the supervisor's readiness checks): rebuilt when the operator's keystore or its password file changes. A
 * keystore caught beside the previous password cannot be opened; the previous client stays until the next call.
 */
public final class OperatorHttpClient {

    private final RunLayout layout;
    private final Duration connectTimeout;
    private List<FileTime> seen;
    private HttpClient client;

    /** Builds the first client at once: no operator certificate is an error of the caller's set-up. */
    public OperatorHttpClient(RunLayout layout, Duration connectTimeout) {
        this.layout = layout;
        this.connectTimeout = connectTimeout;
        this.seen = modified();
        this.client = build();
    }

    /** The client for the next request. */
    public synchronized HttpClient current() {
        List<FileTime> now = modified();
        if (!now.equals(seen)) {
            try {
                client = build();
                seen = now;
            } catch (RuntimeException e) {
                // Half-written: the files are looked at again at the next call.
            }
        }
        return client;
    }

    private HttpClient build() {
        return HttpClient.newBuilder().sslContext(OperatorTls.context(layout)).connectTimeout(connectTimeout).build();
    }

    private List<FileTime> modified() {
        List<FileTime> times = new ArrayList<>();
        for (Path file : List.of(layout.operatorDir().resolve("keystore.p12"),
                layout.operatorDir().resolve("store.password"))) {
            try {
                times.add(Files.getLastModifiedTime(file));
            } catch (IOException e) {
                times.add(null);
            }
        }
        return times;
    }
}
