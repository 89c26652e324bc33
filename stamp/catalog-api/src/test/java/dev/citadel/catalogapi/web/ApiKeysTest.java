package dev.citadel.catalogapi.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.citadel.platform.pki.Secret;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The valid API keys follow the keys file without a restart; a file missing or empty for a moment changes nothing. */
class ApiKeysTest {

    @TempDir
    Path dir;

    private final AtomicLong clock = new AtomicLong();

    private ApiKeys keys(List<Secret> initial, Path file) {
        return new ApiKeys(initial, file, clock::get, Duration.ofSeconds(1));
    }

    private void tick() {
        clock.addAndGet(Duration.ofSeconds(1).toNanos());
    }

    private static List<String> revealed(ApiKeys keys) {
        return keys.current().stream().map(Secret::reveal).toList();
    }

    /** The way citadel rotate writes it: a temp file beside it, moved over it. */
    private void replace(Path file, String content) throws Exception {
        Path tmp = Files.createTempFile(dir, "api-keys", ".tmp");
        Files.writeString(tmp, content);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void followsTheFileWhenItIsReplacedAfterTheCheckInterval() throws Exception {
        Path file = dir.resolve("api-keys");
        Files.writeString(file, "old-key");
        ApiKeys keys = keys(List.of(Secret.of("old-key")), file);
        assertThat(revealed(keys)).containsExactly("old-key");

        replace(file, "old-key,new-key\n");
        assertThat(revealed(keys)).as("checked at most once per interval").containsExactly("old-key");
        tick();
        assertThat(revealed(keys)).containsExactly("old-key", "new-key");

        replace(file, "new-key");
        tick();
        assertThat(revealed(keys)).containsExactly("new-key");
    }

    @Test
    void theFileWinsOverTheBoundValueAtStart() throws Exception {
        Path file = dir.resolve("api-keys");
        Files.writeString(file, "from-file");
        assertThat(revealed(keys(List.of(Secret.of("bound")), file))).containsExactly("from-file");
    }

    @Test
    void aMissingOrEmptyFileKeepsThePreviousKeys() throws Exception {
        Path file = dir.resolve("api-keys");
        Files.writeString(file, "k1 k2");
        ApiKeys keys = keys(List.of(), file);

        Files.delete(file);
        tick();
        assertThat(revealed(keys)).containsExactly("k1", "k2");

        Files.writeString(file, " \n");
        tick();
        assertThat(revealed(keys)).containsExactly("k1", "k2");

        Files.writeString(file, "k3");
        tick();
        assertThat(revealed(keys)).as("the next real content is taken").containsExactly("k3");
    }

    @Test
    void anUnreadableFileKeepsThePreviousKeys() throws Exception {
        Path file = dir.resolve("api-keys");
        Files.writeString(file, "k1");
        ApiKeys keys = keys(List.of(), file);

        // A directory in its place: stat succeeds, reading fails, whoever the test runs as (root reads a 0000 file).
        Files.delete(file);
        Files.createDirectory(file);
        tick();
        assertThat(revealed(keys)).containsExactly("k1");

        Files.delete(file);
        Files.writeString(file, "k2");
        tick();
        assertThat(revealed(keys)).containsExactly("k2");
    }

    @Test
    void aFileUnreadableAtStartIsReadOnceItCanBe() throws Exception {
        Path file = dir.resolve("api-keys");
        Files.createDirectory(file);
        ApiKeys keys = keys(List.of(Secret.of("bound")), file);
        assertThat(revealed(keys)).containsExactly("bound");
        Files.delete(file);
        Files.writeString(file, "from-file");
        tick();
        assertThat(revealed(keys)).containsExactly("from-file");
    }

    @Test
    void withoutAFileTheBoundKeysStay() {
        ApiKeys keys = keys(List.of(Secret.of("bound")), null);
        tick();
        assertThat(revealed(keys)).containsExactly("bound");
        ApiKeys missing = keys(List.of(Secret.of("bound")), dir.resolve("absent"));
        tick();
        assertThat(revealed(missing)).containsExactly("bound");
    }
}
