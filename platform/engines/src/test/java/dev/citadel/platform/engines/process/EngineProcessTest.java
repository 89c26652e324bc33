package dev.citadel.platform.engines.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Uses small shell processes as stand-ins for an engine JVM: the launcher logic is what is tested. */
class EngineProcessTest {

    @TempDir
    Path dir;
    private final List<Process> strays = new CopyOnWriteArrayList<>();
    private final List<EngineProcess> started = new CopyOnWriteArrayList<>();

    @AfterEach
    void cleanUp() {
        started.forEach(p -> p.stop(Duration.ofSeconds(5)));
        strays.forEach(Process::destroyForcibly);
    }

    private EngineProcess startLooping(String name) {
        // The marker is passed as $0 of the shell so it shows in /proc/<pid>/cmdline, like an engine's -D flag.
        EngineProcess p = EngineProcess.start(name,
                List.of("sh", "-c", "echo started; while :; do sleep 1; done", EngineProcess.marker(name)),
                dir, dir.resolve(name + ".log"));
        started.add(p);
        return p;
    }

    @Test
    void isRecognisedAsTheEngineAsSoonAsStartReturnsEvenBehindAnExecingWrapper() {
        // Like `setsid java …`: the first program execs the real one; /proc/<pid>/cmdline is briefly empty in between.
        String name = "wrapped";
        EngineProcess p = EngineProcess.start(name, List.of("sh", "-c",
                "exec sh -c 'while :; do sleep 1; done' \"$0\"", EngineProcess.marker(name)),
                dir, dir.resolve(name + ".log"));
        started.add(p);

        assertThat(EngineProcess.isEngine(p.pid(), name)).isTrue();
    }

    @Test
    void runsAsItsOwnAccountBehindSetprivAndIsStillRecognisedByItsMarker() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(ProcessIdentity.effectiveRoot(), "needs root: creates an account");
        ProcessIdentity identity = ProcessIdentity.of("engine-process-test").ensureExists();
        String name = "unprivileged";
        EngineProcess p = EngineProcess.startWithConsoleFile(name, LaunchPrefix.runAs(identity).apply(
                List.of("sh", "-c", "echo started; while :; do sleep 1; done", EngineProcess.marker(name))),
                dir, dir.resolve(name + ".log"), dir.resolve(name + ".out"));
        started.add(p);

        assertThat(EngineProcess.isEngine(p.pid(), name)).isTrue();
        Object accountUid = Files.getAttribute(idHome(identity), "unix:uid");
        // The marker is visible from the first instant (setpriv's own argv carries it); the uid changes as it execs.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                ProcessIdentity.effectiveUid(Path.of("/proc", Long.toString(p.pid()), "status")).orElseThrow())
                .isNotZero().isEqualTo(accountUid));
        assertThat(EngineProcess.isEngine(p.pid(), name)).isTrue();
        // setpriv exec'd: the pid root holds is the program itself, and stopping it stops the program.
        p.stop(Duration.ofSeconds(5));
        assertThat(p.isAlive()).isFalse();
    }

    /** A file owned by the account, to learn its uid without parsing /etc/passwd. */
    private Path idHome(ProcessIdentity identity) throws Exception {
        Path probe = Files.createFile(dir.resolve("owned-probe"));
        Files.setOwner(probe, probe.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(identity.user()));
        return probe;
    }

    @Test
    void aPlantedLinkInPlaceOfTheConsoleFileIsNeverFollowed() throws Exception {
        Path target = Files.writeString(dir.resolve("precious"), "keep\n");
        String name = "linked";
        Path console = dir.resolve(name + ".out");
        Files.createSymbolicLink(console, target);

        EngineProcess p = EngineProcess.startWithConsoleFile(name, List.of("sh", "-c", "echo hello; sleep 30",
                EngineProcess.marker(name)), dir, dir.resolve(name + ".log"), console);
        started.add(p);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(console).content().contains("hello"));
        assertThat(Files.isSymbolicLink(console)).isFalse();
        assertThat(target).hasContent("keep");
    }

    @Test
    void reportsAnUnexpectedDeathToListeners() {
        EngineProcess p = startLooping("victim");
        CopyOnWriteArrayList<EngineProcess> deaths = new CopyOnWriteArrayList<>();
        p.onUnexpectedExit(deaths::add);

        p.kill();

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(deaths).containsExactly(p));
        assertThat(p.isAlive()).isFalse();
    }

    @Test
    void gracefulStopIsNotReportedAsDeath() {
        EngineProcess p = startLooping("calm");
        CopyOnWriteArrayList<EngineProcess> deaths = new CopyOnWriteArrayList<>();
        p.onUnexpectedExit(deaths::add);

        p.stop(Duration.ofSeconds(10));

        assertThat(p.isAlive()).isFalse();
        assertThat(p.stopRequested()).isTrue();
        assertThat(deaths).isEmpty();
    }

    @Test
    void failsFastWithTheLogTailWhenTheProcessExitsDuringStart() {
        EngineProcess p = EngineProcess.start("crasher", List.of("sh", "-c", "echo config is broken; exit 3"), dir,
                dir.resolve("crasher.log"));

        assertThatThrownBy(() -> p.awaitReady(Duration.ofSeconds(60), () -> false))
                .isInstanceOf(EngineStartException.class)
                .hasMessageContaining("crasher exited during start with code 3")
                .hasMessageContaining("config is broken");
    }

    @Test
    void withAConsoleFileTheOutputGoesThereAndTheFailureShowsBothTails() throws Exception {
        Path log = dir.resolve("engine.log");
        Path console = dir.resolve("engine.out");
        Files.writeString(console, "previous run\n");
        EngineProcess p = EngineProcess.startWithConsoleFile("engine", List.of("sh", "-c",
                "echo 'logged: cannot bind' >> '" + log + "'; echo 'Error: JVM option'; exit 1"), dir, log, console);

        assertThatThrownBy(() -> p.awaitReady(Duration.ofSeconds(60), () -> false))
                .isInstanceOf(EngineStartException.class)
                .hasMessageContaining("logged: cannot bind")
                .hasMessageContaining("Error: JVM option");
        assertThatThrownBy(() -> p.awaitReady(Duration.ofSeconds(60), () -> false))
                .satisfies(e -> assertThat(e.getMessage().indexOf("Error: JVM option"))
                        .as("the console, where an aborting JVM says why, comes first")
                        .isLessThan(e.getMessage().indexOf("logged: cannot bind")));
        assertThat(Files.readString(console)).contains("Error: JVM option").doesNotContain("previous run");
        assertThat(Files.readString(dir.resolve("engine.out.1"))).isEqualTo("previous run\n");
        assertThat(Files.readString(log)).doesNotContain("Error: JVM option");
    }

    @Test
    void findsAnUnrecordedEngineByItsMarkerAndAnArgumentOfItsCommandLine() {
        String name = "finder-" + ProcessHandle.current().pid();
        Path runA = dir.resolve("run-a");
        EngineProcess a = EngineProcess.start(name, List.of("sh", "-c", "while :; do sleep 1; done",
                EngineProcess.marker(name), "--run-dir", runA.toString()), dir, dir.resolve("a.log"));
        started.add(a);
        EngineProcess b = EngineProcess.start(name, List.of("sh", "-c", "while :; do sleep 1; done",
                EngineProcess.marker(name), "--run-dir", runA + "-other"), dir, dir.resolve("b.log"));
        started.add(b);

        assertThat(EngineProcess.findEngines(name, runA.toString())).containsExactly(a.pid());
        assertThat(EngineProcess.findEngines("another-" + name, runA.toString())).isEmpty();
    }

    @Test
    void timesOutNamingTheLastFailedCheck() {
        EngineProcess p = startLooping("slow");

        assertThatThrownBy(() -> p.awaitReady(Duration.ofSeconds(1), () -> {
            throw new IllegalStateException("port 9042 closed");
        })).isInstanceOf(EngineStartException.class)
                .hasMessageContaining("slow not ready after 1 s")
                .hasMessageContaining("port 9042 closed")
                .hasMessageContaining("started");
    }

    @Test
    void returnsOnceTheProbeSucceeds() {
        EngineProcess p = startLooping("ready");

        p.awaitReady(Duration.ofSeconds(30), () -> Files.readString(p.logFile()).contains("started"));

        assertThat(p.isAlive()).isTrue();
    }

    @Test
    void stopPidStopsAnEngineStartedByAnEarlierInvocation() {
        EngineProcess p = startLooping("earlier");

        assertThat(EngineProcess.stopPid(p.pid(), "earlier", Duration.ofSeconds(10))).isTrue();

        assertThat(p.isAlive()).isFalse();
        assertThat(EngineProcess.stopPid(p.pid(), Duration.ofSeconds(1))).as("already gone").isFalse();
    }

    @Test
    void stopPidRefusesAProcessThatIsNotACitadelEngine() throws Exception {
        Process unrelated = new ProcessBuilder("sleep", "60").start();
        strays.add(unrelated);

        assertThatThrownBy(() -> EngineProcess.stopPid(unrelated.pid(), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("pid reused");
        assertThat(unrelated.isAlive()).isTrue();
    }

    @Test
    void stopPidRefusesAnotherEngineThanTheOneNamed() {
        EngineProcess p = startLooping("engine-a");

        assertThatThrownBy(() -> EngineProcess.stopPid(p.pid(), "engine-b", Duration.ofSeconds(1)))
                .isInstanceOf(IllegalStateException.class);
        assertThat(p.isAlive()).isTrue();
    }

    @Test
    void attachesToARunningEngineByPid() {
        EngineProcess p = startLooping("attached");

        EngineProcess again = EngineProcess.attach("attached", p.pid(), p.logFile()).orElseThrow();

        assertThat(again.pid()).isEqualTo(p.pid());
        assertThat(again.isAlive()).isTrue();
        assertThat(EngineProcess.attach("someone-else", p.pid(), p.logFile())).isEmpty();
    }
}
