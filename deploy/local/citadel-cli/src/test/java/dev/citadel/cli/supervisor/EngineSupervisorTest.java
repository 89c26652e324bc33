package dev.citadel.cli.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.citadel.platform.engines.EngineKind;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngineSupervisorTest {

    @TempDir
    Path runDir;

    private final DataTierSupervisorTest.FakeLauncher launcher = new DataTierSupervisorTest.FakeLauncher();
    private final MutableClock clock = new MutableClock();
    private final List<String> log = new ArrayList<>();
    private StateStore store;
    private EngineSupervisor supervisor;

    @BeforeEach
    void recordARunningTier() {
        store = StateStore.in(runDir);
        List<ProcessRecord> engines = new ArrayList<>();
        for (String name : List.of("cassandra-region1", "cassandra-region2", "kafka-region1", "kafka-region2")) {
            long pid = launcher.nextPid++;
            launcher.alive.add(pid);
            engines.add(new ProcessRecord(name, name.substring(name.indexOf('-') + 1),
                    name.startsWith("cassandra") ? EngineKind.CASSANDRA : EngineKind.KAFKA, "a", pid, "l"));
        }
        store.write(new RunState("citadel", "t.yaml", "now", engines));
        // Restarts run synchronously here; in production each has its own thread.
        supervisor = new EngineSupervisor(store, launcher, p -> launcher.alive.contains(p.pid()), clock, Runnable::run,
                log::add);
    }

    private Map<String, ProcessRecord> recorded() {
        return store.read().orElseThrow().processes().stream()
                .collect(Collectors.toMap(ProcessRecord::name, p -> p));
    }

    private void kill(String name) {
        launcher.alive.remove(recorded().get(name).pid());
    }

    @Test
    void livingEnginesAreNeverRestarted() {
        var before = recorded();
        for (int i = 0; i < 100; i++) {
            supervisor.check();
            clock.advance(Duration.ofSeconds(1));
        }

        assertThat(launcher.restarted).isEmpty();
        assertThat(recorded()).isEqualTo(before);
    }

    @Test
    void aDeadEngineIsRestartedAloneAfterItsBackoffAndItsNewPidIsRecorded() {
        var before = recorded();
        kill("cassandra-region2");

        supervisor.check();
        assertThat(recorded().get("cassandra-region2").restarts()).isEqualTo(1);
        assertThat(recorded().get("cassandra-region2").lastExit()).startsWith("exit code 137 (SIGKILL) at ");
        clock.advance(Duration.ofMillis(999));
        supervisor.check();
        assertThat(launcher.restarted).as("not before its 1 s backoff").isEmpty();

        clock.advance(Duration.ofMillis(1));
        supervisor.check();

        var after = recorded();
        assertThat(launcher.restarted).containsExactly("cassandra-region2");
        assertThat(launcher.alive).contains(after.get("cassandra-region2").pid());
        assertThat(after.get("cassandra-region2").pid()).isNotEqualTo(before.get("cassandra-region2").pid());
        for (String living : List.of("cassandra-region1", "kafka-region1", "kafka-region2")) {
            assertThat(after.get(living)).as(living).isEqualTo(before.get(living));
        }
        assertThat(launcher.stopped).isEmpty();
        assertThat(log).anyMatch(l -> l.contains("cassandra-region2") && l.contains("restart #1 in 1000 ms"));
    }

    @Test
    void quickCrashesDoubleTheBackoffAndALongHealthyRunResetsIt() {
        kill("kafka-region1");
        supervisor.check();
        clock.advance(Duration.ofSeconds(1));
        supervisor.check(); // restarted
        kill("kafka-region1");
        supervisor.check(); // dies at once: 2 s now
        clock.advance(Duration.ofMillis(1999));
        supervisor.check();
        assertThat(launcher.restarted).hasSize(1);
        clock.advance(Duration.ofMillis(1));
        supervisor.check();
        assertThat(launcher.restarted).hasSize(2);

        clock.advance(Duration.ofMinutes(5)); // ready and healthy for a while
        kill("kafka-region1");
        supervisor.check();
        clock.advance(Duration.ofSeconds(1));
        supervisor.check();

        assertThat(launcher.restarted).hasSize(3);
        assertThat(recorded().get("kafka-region1").restarts()).isEqualTo(3);
    }

    @Test
    void aFailedRestartIsCountedWithItsReasonAndTriedAgainLater() {
        kill("kafka-region2");
        launcher.failRestarts = true;
        supervisor.check();
        clock.advance(Duration.ofSeconds(1));
        supervisor.check(); // the attempt fails

        supervisor.check(); // seen dead again
        assertThat(recorded().get("kafka-region2").restarts()).isEqualTo(2);
        assertThat(recorded().get("kafka-region2").lastExit()).startsWith("restart failed: kafka-region2 exited during start");

        launcher.failRestarts = false;
        clock.advance(Duration.ofSeconds(2));
        supervisor.check();
        assertThat(launcher.restarted).containsExactly("kafka-region2");
        assertThat(launcher.alive).contains(recorded().get("kafka-region2").pid());
    }

    @Test
    void nothingIsRestartedOnceStopping() {
        kill("cassandra-region1");
        supervisor.check();
        supervisor.stop();
        clock.advance(Duration.ofMinutes(1));
        supervisor.check();

        assertThat(launcher.restarted).isEmpty();
    }

    @Test
    void withoutAStateFileThereIsNothingToWatch() {
        store.delete();

        supervisor.check();

        assertThat(launcher.restarted).isEmpty();
        assertThat(store.read()).isEmpty();
    }

    static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
