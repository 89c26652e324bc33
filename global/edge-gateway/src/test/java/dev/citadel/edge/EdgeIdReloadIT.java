package dev.citadel.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An origin's edgeIdFile replaced while the edge runs: requests and probes send the new id from then on. */
class EdgeIdReloadIT {
    @TempDir
    Path dir;

    private static void write(Path file, String id) throws Exception {
        Path tmp = Files.createTempFile(file.getParent(), ".edge-id", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(tmp, id + "\n");
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void theNewIdIsSentAfterItsFileChangesAndTheAdminApiShowsWhichOne() throws Exception {
        TestPki pki = new TestPki(dir);
        Path idFile = dir.resolve("region1-edge-id");
        write(idFile, "old-id-1");
        try (TestOrigin origin = new TestOrigin(pki, "stamp-a", "stamp-a.stamp.test").start();
             EdgeFixture fx = new EdgeFixture(pki, EdgeFixture.singleGroup(origin.originYaml(50, 1)
                     + "        edgeIdFile: " + idFile + "\n"), "")) {
            HttpClient operator = HttpClient.newBuilder().sslContext(pki.clientContext(pki.operator)).build();
            HttpRequest origins = HttpRequest.newBuilder(URI.create("https://localhost:" + fx.edge.adminPort()
                    + "/origins")).build();
            assertThat(fx.get("/api/one").statusCode()).isEqualTo(200);
            assertThat(origin.received.peek().headers().get("X-Edge-Id")).isEqualTo("old-id-1");
            String before = operator.send(origins, HttpResponse.BodyHandlers.ofString()).body();
            assertThat(before).contains("\"edgeIdFingerprint\"").doesNotContain("old-id-1");

            write(idFile, "new-id-2");
            await().atMost(Duration.ofSeconds(5)).until(() -> {
                fx.get("/api/two");
                return origin.received.stream().anyMatch(r -> "new-id-2".equals(r.headers().get("X-Edge-Id")));
            });
            int seen = origin.received.size();
            assertThat(fx.get("/api/three").statusCode()).isEqualTo(200);
            assertThat(origin.received.stream().skip(seen).map(r -> r.headers().get("X-Edge-Id")))
                    .containsOnly("new-id-2");
            String after = operator.send(origins, HttpResponse.BodyHandlers.ofString()).body();
            assertThat(after).isNotEqualTo(before).doesNotContain("new-id-2");

            // A file too open to be a credential is refused: the id sent stays the last good one.
            Files.writeString(idFile, "leaked-id\n");
            Files.setPosixFilePermissions(idFile, PosixFilePermissions.fromString("rw-r--r--"));
            Thread.sleep(2500);
            int count = origin.received.size();
            assertThat(fx.get("/api/four").statusCode()).isEqualTo(200);
            assertThat(origin.received.stream().skip(count).map(r -> r.headers().get("X-Edge-Id")))
                    .containsOnly("new-id-2");
        }
    }
}
