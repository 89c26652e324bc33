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
    void concurrentUpdatesOfDifferentRecordsAreAllKept() throws Exception {
        StateStore.in(runDir).write(new RunState("citadel", "/t.yaml", "2026-01-01T00:00:00Z", List.of()));
        int writers = 8;
        int each = 20;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(writers);
        try {
            List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                // Each its own store on the same file, as the supervisor process and the CLI are.
                StateStore store = StateStore.in(runDir);
                done.add(pool.submit(() -> {
                    for (int i = 0; i < each; i++) {
                        ProcessRecord added = new ProcessRecord("engine-" + writer + "-" + i, "region1", EngineKind.KAFKA,
                                "127.0.1.20:9093", 1000 + i, "/l/k.log");
                        store.update(state -> {
                            List<ProcessRecord> processes = new java.util.ArrayList<>(state.processes());
                            processes.add(added);
                            return new RunState(state.clusterName(), state.topology(), state.startedAt(), processes);
                        });
                    }
                }));
            }
            for (var f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(StateStore.in(runDir).read().orElseThrow().processes()).hasSize(writers * each);
        assertThat(runDir).isDirectoryNotContaining("glob:**.tmp");
    }

    @Test
    void deleteLeavesNeitherTheStateNorItsLock() {
        StateStore store = StateStore.in(runDir);
        store.write(new RunState("citadel", "/t.yaml", "2026-01-01T00:00:00Z", List.of()));
        store.update(state -> state);

        store.delete();

        assertThat(runDir).isEmptyDirectory();
    }

    @Test
    void anUpdateWithoutAStateFileChangesNothing() {
        assertThat(StateStore.in(runDir).update(state -> state)).isEmpty();
        assertThat(StateStore.in(runDir).read()).isEmpty();
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
