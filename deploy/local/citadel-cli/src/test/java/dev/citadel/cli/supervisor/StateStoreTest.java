package dev.citadel.cli.supervisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.citadel.cli.ExitCode;
import dev.citadel.cli.ExitException;
import dev.citadel.platform.engines.EngineKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateStoreTest {

    @TempDir
    Path runDir;

    @Test
    void readsBackWhatItWrote() {
        RunState state = new RunState("citadel", "/t.yaml", "2026-01-01T00:00:00Z", List.of(
                new ProcessRecord("kafka-region1", "region1", EngineKind.KAFKA, "127.0.1.20:9093", 42, "/l/k.log")));
        StateStore store = StateStore.in(runDir);

        store.write(state);

        assertThat(store.read()).contains(state);
        assertThat(runDir).isDirectoryNotContaining("glob:**.tmp");
    }

    @Test
    void readsBackRestartsAndLastExit() {
        RunState state = new RunState("citadel", "/t.yaml", "2026-01-01T00:00:00Z", List.of(
                new ProcessRecord("kafka-region1", "region1", EngineKind.KAFKA, "127.0.1.20:9093", 42, "/l/k.log", 3,
                        "exit code 137 (SIGKILL) at 2026-01-01T00:01:00Z")));
        StateStore store = StateStore.in(runDir);

        store.write(state);

        assertThat(store.read()).contains(state);
    }

    @Test
    void readsAStateFileWithoutRestartCountsAsNeverRestarted() throws IOException {
        StateStore store = StateStore.in(runDir);
        Files.writeString(store.file(), """
                {"clusterName":"citadel","topology":"/t.yaml","startedAt":"2026-01-01T00:00:00Z","processes":[
                 {"name":"kafka-region1","region":"region1","kind":"KAFKA","address":"127.0.1.20:9093","pid":42,
                  "logFile":"/l/k.log"}]}
                """);

        assertThat(store.read().orElseThrow().processes()).singleElement().satisfies(p -> {
            assertThat(p.restarts()).isZero();
            assertThat(p.lastExit()).isEmpty();
        });
    }

    @Test
    void readsNothingWhenNoStateWasWrittenAndDeletesIdempotently() {
        StateStore store = StateStore.in(runDir);

        assertThat(store.read()).isEmpty();
        store.delete();
        assertThat(store.read()).isEmpty();
    }

    @Test
    void refusesACorruptStateFileWithItsOwnExitCode() throws IOException {
        StateStore store = StateStore.in(runDir);
        Files.writeString(store.file(), "{not json");

        assertThatThrownBy(store::read)
                .isInstanceOfSatisfying(ExitException.class, e -> assertThat(e.code()).isEqualTo(ExitCode.STATE_UNUSABLE))
                .hasMessageContaining(store.file().toString());
    }
}
