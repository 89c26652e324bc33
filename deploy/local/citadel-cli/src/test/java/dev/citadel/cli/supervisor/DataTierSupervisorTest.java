package dev.citadel.cli.supervisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.citadel.cli.ExitCode;
import dev.citadel.cli.ExitException;
import dev.citadel.cli.plan.DataTierPlan;
import dev.citadel.cli.plan.PlannedComponent;
import dev.citadel.cli.status.ComponentState;
import dev.citadel.cli.status.StatusRow;
import dev.citadel.cli.topology.TopologyLoader;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataTierSupervisorTest {

    @TempDir
    Path runDir;

    private final FakeLauncher launcher = new FakeLauncher();

    private DataTierSupervisor supervisor() {
        return new DataTierSupervisor(StateStore.in(runDir), launcher, p -> launcher.alive.contains(p.pid()));
    }

    private DataTierPlan plan(int kafkaPort) {
        // JMX binds 127.0.0.1, shared with any real `citadel up` on this machine: take a port that is free now.
        return DataTierPlan.of(TopologyLoader.parse("t.yaml", """
                regions:
                  - name: region1
                    cassandra: {address: 127.0.203.10, jmxPort: %d}
                    kafka: {address: 127.0.203.20, port: %d}
                """.formatted(freeLocalPort(), kafkaPort)), runDir);
    }

    private static int freeLocalPort() {
        return freeLocalPorts(1)[0];
    }

    /** Held open together while chosen, so no two are the same port (one closed socket's port can come back at once). */
    private static Integer[] freeLocalPorts(int count) {
        List<ServerSocket> sockets = new java.util.ArrayList<>();
        try {
            Integer[] ports = new Integer[count];
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                sockets.add(socket);
                ports[i] = socket.getLocalPort();
            }
            return ports;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } finally {
            for (ServerSocket socket : sockets) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // Only chosen, never used.
                }
            }
        }
    }

    @Test
    void upStartsThePlanAndRecordsEveryProcessAsRunning() {
        var result = supervisor().up(plan(9093), "t.yaml", Duration.ofMinutes(1), Progress.SILENT);

        assertThat(result.alreadyRunning()).isFalse();
        assertThat(result.rows()).extracting(StatusRow::component, StatusRow::state).containsExactly(
                org.assertj.core.groups.Tuple.tuple("cassandra-region1", ComponentState.RUNNING),
                org.assertj.core.groups.Tuple.tuple("kafka-region1", ComponentState.RUNNING));
        assertThat(StateStore.in(runDir).read()).isPresent();
    }

    @Test
    void upWhileEverythingRunsStartsNothingAndReportsTheSamePids() {
        var first = supervisor().up(plan(9093), "t.yaml", Duration.ofMinutes(1), Progress.SILENT);
        var second = supervisor().up(plan(9093), "t.yaml", Duration.ofMinutes(1), Progress.SILENT);

        assertThat(second.alreadyRunning()).isTrue();
        assertThat(launcher.starts).isEqualTo(1);
        assertThat(second.rows()).isEqualTo(first.rows());
    }

    @Test
    void upWithEveryCassandraNodeDeadStopsTheSurvivorsAndStartsAfresh() {
        var first = supervisor().up(plan(9093), "t.yaml", Duration.ofMinutes(1), Progress.SILENT);
        launcher.alive.remove(first.rows().get(0).pid());

        var second = supervisor().up(plan(9093), "t.yaml", Duration.ofMinutes(1), Progress.SILENT);

        assertThat(launcher.starts).isEqualTo(2);
        assertThat(launcher.stopped).containsExactly(first.rows().get(1).pid());
        assertThat(second.rows()).allSatisfy(r -> assertThat(r.state()).isEqualTo(ComponentState.RUNNING));
    }

    private DataTierPlan twoRegions() {
        return DataTierPlan.of(TopologyLoader.parse("t.yaml", """
                regions:
                  - name: region1
                    cassandra: {address: 127.0.203.10, jmxPort: %d}
                    kafka: {address: 127.0.203.20}
                  - name: region2
                    cassandra: {address: 127.0.204.10, jmxPort: %d}
                    kafka: {address: 127.0.204.20}
                """.formatted((Object[]) freeLocalPorts(2))), runDir);
    }

    private static java.util.Map<String, Long> pids(List<StatusRow> rows) {
        return rows.stream().collect(java.util.stream.Collectors.toMap(StatusRow::component, StatusRow::pid));
    }

    @Test
    void upAfterOneCassandraNodeDiedStartsOnlyThatNodeAndTheLivingKeepTheirPids() {
        DataTierPlan plan = twoRegions();
        var first = supervisor().up(plan, "t.yaml", Duration.ofMinutes(1), Progress.SILENT);
        var before = pids(first.rows());
        launcher.alive.remove(before.get("cassandra-region2"));

        var second = supervisor().up(plan, "t.yaml", Duration.ofMinutes(1), Progress.SILENT);

        var after = pids(second.rows());
        assertThat(second.alreadyRunning()).isFalse();
        assertThat(launcher.starts).isEqualTo(1);
        assertThat(launcher.restarted).containsExactly("cassandra-region2");
        assertThat(launcher.stopped).isEmpty();
        assertThat(after.get("cassandra-region2")).isNotEqualTo(before.get("cassandra-region2"));
        for (String living : List.of("cassandra-region1", "kafka-region1", "kafka-region2")) {
            assertThat(after.get(living)).as(living).isEqualTo(before.get(living));
        }
        assertThat(second.rows()).allSatisfy(r -> assertThat(r.state()).isEqualTo(ComponentState.RUNNING));
        assertThat(StateStore.in(runDir).read().orElseThrow().processes()).filteredOn(p -> p.pid() == after.get("cassandra-region2"))
                .singleElement().satisfies(p -> {
                    assertThat(p.restarts()).isEqualTo(1);
                    assertThat(p.lastExit()).startsWith("exit code 137 (SIGKILL) at ");
                });
    }

    @Test
    void upAfterADeadKafkaBrokerAndADeadCassandraNodeStartsBothAndNothingElse() {
        DataTierPlan plan = twoRegions();
        var before = pids(supervisor().up(plan, "t.yaml", Duration.ofMinutes(1), Progress.SILENT).rows());
        launcher.alive.remove(before.get("cassandra-region1"));
        launcher.alive.remove(before.get("kafka-region2"));

        var after = pids(supervisor().up(plan, "t.yaml", Duration.ofMinutes(1), Progress.SILENT).rows());

        assertThat(launcher.restarted).containsExactlyInAnyOrder("cassandra-region1", "kafka-region2");
        assertThat(after.get("cassandra-region2")).isEqualTo(before.get("cassandra-region2"));
        assertThat(after.get("kafka-region1")).isEqualTo(before.get("kafka-region1"));
        assertThat(launcher.stopped).isEmpty();
    }

    @Test
    void upWhileTheSupervisorRunsLeavesADeadEngineToItAndStartsNothing() {
        var first = supervisor().up(plan(9093), "t.yaml", Duration.ofMinutes(1), Progress.SILENT);
        launcher.alive.remove(first.rows().get(1).pid());

        var second = supervisor().up(plan(9093), "t.yaml", Duration.ofMinutes(1), true, Progress.SILENT);

        assertThat(second.alreadyRunning()).isTrue();
        assertThat(launcher.restarted).isEmpty();
        assertThat(launcher.starts).isEqualTo(1);
    }

    @Test
    void upWithAnotherTopologyDoesNotRestartAloneButStartsAfresh() {
        var first = supervisor().up(plan(9093), "t.yaml", Duration.ofMinutes(1), Progress.SILENT);
        launcher.alive.remove(first.rows().get(1).pid());

        supervisor().up(twoRegions(), "t.yaml", Duration.ofMinutes(1), Progress.SILENT);

        assertThat(launcher.restarted).isEmpty();
        assertThat(launcher.starts).isEqualTo(2);
        assertThat(launcher.stopped).containsExactly(first.rows().get(0).pid());
    }

    @Test
    void aFailedRestartByUpExitsNotReadyAndKeepsTheCountedDeath() {
        DataTierPlan plan = twoRegions();
        var before = pids(supervisor().up(plan, "t.yaml", Duration.ofMinutes(1), Progress.SILENT).rows());
        launcher.alive.remove(before.get("kafka-region1"));
        launcher.failRestarts = true;

        assertThatThrownBy(() -> supervisor().up(plan, "t.yaml", Duration.ofMinutes(1), Progress.SILENT))
                .isInstanceOfSatisfying(ExitException.class, e -> assertThat(e.code()).isEqualTo(ExitCode.NOT_READY))
                .hasMessageContaining("kafka-region1 did not start again");
        assertThat(supervisor().status()).filteredOn(r -> r.component().equals("kafka-region1")).singleElement()
                .satisfies(r -> {
                    assertThat(r.state()).isEqualTo(ComponentState.DEAD);
                    assertThat(r.restarts()).isEqualTo(1);
                });
    }

    @Test
    void statusShowsADeadEngineAsRestartingWhileTheSupervisorRuns() {
        var up = supervisor().up(plan(9093), "t.yaml", Duration.ofMinutes(1), Progress.SILENT);
        launcher.alive.remove(up.rows().get(1).pid());

        assertThat(supervisor().status(true)).extracting(StatusRow::state)
                .containsExactly(ComponentState.RUNNING, ComponentState.RESTARTING);
    }

    @Test
    void downAlsoStopsAnEngineThatOnlyTheEnginesOwnStateKnows() {
        supervisor().up(plan(9093), "t.yaml", Duration.ofMinutes(1), Progress.SILENT);
        launcher.strays = 1; // restarted by a supervisor that was stopped before it could record the pid

        assertThat(supervisor().down(Progress.SILENT)).isEqualTo(3);
    }

    @Test
    void statusShowsADeadProcessAsDead() {
        var up = supervisor().up(plan(9093), "t.yaml", Duration.ofMinutes(1), Progress.SILENT);
        launcher.alive.remove(up.rows().get(1).pid());

        assertThat(supervisor().status()).extracting(StatusRow::state)
                .containsExactly(ComponentState.RUNNING, ComponentState.DEAD);
    }

    @Test
    void downStopsEverythingForgetsTheStateAndIsIdempotent() {
        supervisor().up(plan(9093), "t.yaml", Duration.ofMinutes(1), Progress.SILENT);

        assertThat(supervisor().down(Progress.SILENT)).isEqualTo(2);
        assertThat(launcher.alive).isEmpty();
        assertThat(supervisor().status()).isEmpty();
        assertThat(supervisor().down(Progress.SILENT)).isZero();
    }

    @Test
    void downAlsoStopsEnginesThatAnInterruptedUpLeftUnrecorded() {
        launcher.strays = 3;

        assertThat(supervisor().down(Progress.SILENT)).isEqualTo(3);
    }

    @Test
    void downReportsAProcessThatSurvivesItsStop() {
        supervisor().up(plan(9093), "t.yaml", Duration.ofMinutes(1), Progress.SILENT);
        launcher.unkillable = true;

        assertThatThrownBy(() -> supervisor().down(Progress.SILENT))
                .isInstanceOfSatisfying(ExitException.class, e -> assertThat(e.code()).isEqualTo(ExitCode.STOP_FAILED))
                .hasMessageContaining("still alive after SIGKILL");
    }

    @Test
    void upRefusesABusyPortBeforeStartingAnything() throws IOException {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getByName("127.0.203.20"), 0));

            assertThatThrownBy(() -> supervisor().up(plan(taken.getLocalPort()), "t.yaml", Duration.ofMinutes(1), Progress.SILENT))
                    .isInstanceOfSatisfying(ExitException.class, e -> assertThat(e.code()).isEqualTo(ExitCode.PORT_BUSY))
                    .hasMessageContaining("127.0.203.20:" + taken.getLocalPort() + " (Kafka clients) needed by kafka-region1");
        }
        assertThat(launcher.starts).isZero();
    }

    @Test
    void enginesInAZoneOfTheirOwnAreNotProbedFromHereWhereTheirAddressesDoNotExist() {
        // Placed at 198.18.11.x, which exists only inside the data zone: a bind from this namespace always fails.
        var topology = TopologyLoader.parse("t.yaml", """
                regions:
                  - name: region1
                    cassandra: {address: 127.0.203.10, jmxPort: %d}
                    kafka: {address: 127.0.203.20}
                """.formatted(freeLocalPort()));
        DataTierPlan zoned = DataTierPlan.of(dev.citadel.cli.network.NetworkPlan.of(topology).place(topology), runDir);

        assertThatThrownBy(() -> supervisor().up(zoned, "t.yaml", Duration.ofMinutes(1), Progress.SILENT))
                .isInstanceOfSatisfying(ExitException.class, e -> assertThat(e.code()).isEqualTo(ExitCode.PORT_BUSY));
        var result = supervisor().up(zoned.inNamespaces(java.util.Map.of("cassandra-region1", "z-region1-data",
                "kafka-region1", "z-region1-data")), "t.yaml", Duration.ofMinutes(1), Progress.SILENT);

        assertThat(result.rows()).extracting(StatusRow::state).containsOnly(ComponentState.RUNNING);
        assertThat(launcher.starts).isEqualTo(1);
    }

    /** Pretends to start each component as a process with a made-up pid. */
    static final class FakeLauncher implements EngineLauncher {
        final Set<Long> alive = java.util.Collections.synchronizedSet(new HashSet<>());
        final List<Long> stopped = java.util.Collections.synchronizedList(new ArrayList<>());
        int starts;
        long nextPid = 1000;
        boolean unkillable;
        int strays;
        boolean failRestarts;
        final List<String> restarted = new ArrayList<>();

        @Override
        public synchronized ProcessRecord restart(ProcessRecord dead, Progress progress) {
            if (failRestarts) {
                throw new ExitException(ExitCode.NOT_READY, dead.name() + " exited during start");
            }
            restarted.add(dead.name());
            long pid = nextPid++;
            alive.add(pid);
            return dead.withPid(pid);
        }

        @Override
        public String exitCause(ProcessRecord dead) {
            return "exit code 137 (SIGKILL)";
        }

        @Override
        public synchronized List<ProcessRecord> start(DataTierPlan plan, Duration readyTimeout, Progress progress) {
            starts++;
            List<ProcessRecord> records = new ArrayList<>();
            for (PlannedComponent c : plan.components()) {
                long pid = nextPid++;
                alive.add(pid);
                records.add(new ProcessRecord(c.name(), c.region(), c.kind(), c.displayAddress(), pid, "log"));
            }
            return records;
        }

        @Override
        public int stopStrays(Path runDir, Progress progress) {
            return strays;
        }

        @Override
        public synchronized void stop(ProcessRecord process, Duration grace) {
            if (!unkillable) {
                alive.remove(process.pid());
                stopped.add(process.pid());
            }
        }
    }
}
