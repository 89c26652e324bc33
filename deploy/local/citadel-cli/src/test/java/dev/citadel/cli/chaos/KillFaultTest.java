package dev.citadel.cli.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KillFaultTest {

    @Test
    void aProcessIsGoneWhenItsProcEntryIsMissingOrAZombie(@TempDir Path dir) throws Exception {
        assertThat(KillFault.gone(dir.resolve("missing"))).isTrue();
        assertThat(KillFault.gone(write(dir, "1234 (java) Z 1 1234 1234 0 -1"))).isTrue();
        assertThat(KillFault.gone(write(dir, "1234 (java) R 1 1234 1234 0 -1"))).isFalse();
        assertThat(KillFault.gone(write(dir, "1234 (java) S 1 1234 1234 0 -1"))).isFalse();
        assertThat(KillFault.gone(write(dir, "1234 (odd) name) S 1 1234"))).as("the name may hold ') '").isFalse();
    }

    @Test
    void waitingEndsOnlyOnceAKilledProcessHasReallyGone() throws Exception {
        Process sleeper = new ProcessBuilder("sleep", "60").start();
        assertThatThrownBy(() -> KillFault.awaitGone(sleeper.pid(), Duration.ofMillis(200)))
                .hasMessageContaining("still exists");
        Signals.send("KILL", sleeper.pid());
        KillFault.awaitGone(sleeper.pid(), Duration.ofSeconds(10));
        assertThat(KillFault.gone(Path.of("/proc", Long.toString(sleeper.pid()), "stat"))).isTrue();
    }

    private static Path write(Path dir, String stat) throws Exception {
        return Files.writeString(Files.createTempFile(dir, "stat", ""), stat);
    }
}
