package dev.citadel.servicedefaults.edge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.citadel.platform.pki.Secret;
import dev.citadel.servicedefaults.ServiceDefaultsProperties;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The accepted edge ids follow the edge-id file without a restart: old and new both during a rotation's overlap. */
class EdgeIdsTest {

    @TempDir
    Path dir;

    private final AtomicLong clock = new AtomicLong();

    private EdgeIds ids(List<Secret> initial, Path file) {
        return new EdgeIds(initial, file, clock::get, Duration.ofSeconds(1));
    }

    private void tick() {
        clock.addAndGet(Duration.ofSeconds(1).toNanos());
    }

    /** The way citadel rotate writes it: a temp file beside it, moved over it. */
    private void replace(Path file, String content) throws Exception {
        Path tmp = Files.createTempFile(dir, "edge-id", ".tmp");
        Files.writeString(tmp, content);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void acceptsEveryListedIdAndFollowsTheFileAfterTheCheckInterval() throws Exception {
        Path file = dir.resolve("edge-id");
        Files.writeString(file, "old-id");
        EdgeIds ids = ids(List.of(Secret.of("old-id")), file);
        assertThat(ids.matches("old-id")).isTrue();
        assertThat(ids.matches("new-id")).isFalse();

        replace(file, "old-id\nnew-id\n");
        assertThat(ids.matches("new-id")).as("checked at most once per interval").isFalse();
        tick();
        assertThat(ids.matches("new-id")).isTrue();
        assertThat(ids.matches("old-id")).isTrue();

        replace(file, "new-id\n");
        tick();
        assertThat(ids.matches("old-id")).isFalse();
        assertThat(ids.matches("new-id")).isTrue();
        assertThat(ids.matches(null)).isFalse();
        assertThat(ids.matches("")).isFalse();
    }

    @Test
    void aMissingOrEmptyFileKeepsThePreviousIds() throws Exception {
        Path file = dir.resolve("edge-id");
        Files.writeString(file, "i1");
        EdgeIds ids = ids(List.of(), file);

        Files.delete(file);
        tick();
        assertThat(ids.matches("i1")).isTrue();
        Files.writeString(file, " \n");
        tick();
        assertThat(ids.matches("i1")).isTrue();
        Files.writeString(file, "i2");
        tick();
        assertThat(ids.matches("i2")).isTrue();
        assertThat(ids.matches("i1")).isFalse();
    }

    @Test
    void withoutAConfiguredIdTheFileIsNotFollowed() throws Exception {
        Path file = dir.resolve("edge-id");
        Files.writeString(file, "planted");
        EdgeIds ids = new EdgeIds(new ServiceDefaultsProperties.Edge("X-Edge-Id", null, List.of("edge"), file));
        assertThat(ids.matches("planted")).isFalse();
        assertThat(new EdgeIds(new ServiceDefaultsProperties.Edge("X-Edge-Id", Secret.of("a b"), List.of("edge"), null))
                .matches("b")).isTrue();
    }
}
