package dev.citadel.cli.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.citadel.platform.engines.EngineKind;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ProcessLivenessTest {

    @Test
    void aLivePidRunningSomethingElseIsNotOurEngine() {
        // This test JVM is alive, but it is not a Citadel engine: a reused pid must not count as a live broker.
        assertThat(ProcessLiveness.isAlive(record(ProcessHandle.current().pid()))).isFalse();
    }

    @Test
    void anExitedProcessIsDead() throws Exception {
        Process process = new ProcessBuilder("true").start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();

        assertThat(ProcessLiveness.isAlive(record(process.pid()))).isFalse();
    }

    @Test
    void aLiveProcessCarryingTheEnginesMarkerIsAlive() throws Exception {
        Process process = new ProcessBuilder("sh", "-c", "sleep 60; :", "-Dcitadel.engine=kafka-region1").start();
        try {
            assertThat(ProcessLiveness.isAlive(record(process.pid()))).isTrue();
        } finally {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static ProcessRecord record(long pid) {
        return new ProcessRecord("kafka-region1", "region1", EngineKind.KAFKA, "127.0.1.20:9093", pid, "k.log");
    }
}
