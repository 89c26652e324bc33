package dev.citadel.cli.services;

import dev.citadel.cli.CitadelCommand;
import dev.citadel.cli.supervisor.Progress;
import dev.citadel.platform.engines.process.EngineProcess;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Starts, finds and stops the detached supervisor ({@code citadel supervise}) of a run directory. It runs in its own
 * session ({@code setsid}), so closing the terminal that ran {@code up} does not take the services down.
 */
public final class SupervisorProcess {

    public static final String NAME = "citadel-supervisor";
    /** The log of the libraries the supervisor uses (drivers, admin clients), beside its own console log. */
    public static final String LIBS_LOG = NAME + "-libs";
    /** The supervisor stops its services in parallel, each with its own grace period, before it exits. */
    static final Duration STOP_GRACE = ServiceSupervisor.STOP_GRACE.plusSeconds(30);

    private SupervisorProcess() {}

    public static Optional<ServicesState> state(RunLayout layout) {
        return JsonFiles.read(layout.servicesState(), ServicesState.class);
    }

    public static boolean alive(RunLayout layout) {
        return state(layout).map(s -> EngineProcess.isEngine(s.supervisorPid(), NAME)).orElse(false);
    }

    /**
     * Every live supervisor of this run directory, recorded or not: found by its marker and its {@code --run-dir}. One
     * the state file does not name (an {@code up} that failed before the supervisor wrote its state) would otherwise
     * outlive {@code down} and restart the engines {@code down} stops.
     */
    public static List<Long> running(RunLayout layout) {
        return EngineProcess.findEngines(NAME, layout.runDir().toString());
    }

    /** The recorded services that still run (name to pid): after the supervisor was killed, its orphans. */
    public static Map<String, Long> livingServices(RunLayout layout) {
        Map<String, Long> living = new java.util.LinkedHashMap<>();
        state(layout).ifPresent(s -> s.services().stream().filter(svc -> svc.pid() > 0
                && EngineProcess.isEngine(svc.pid(), svc.name())).forEach(svc -> living.put(svc.name(), svc.pid())));
        return living;
    }

    /** Stops one service that no supervisor owns any more (pid-reuse safe: its marker is checked first). */
    public static void stopService(String name, long pid, Progress progress) {
        progress.step("stopping " + name + " (pid " + pid + "): its launch spec changed");
        EngineProcess.stopPid(pid, name, ServiceSupervisor.STOP_GRACE);
    }

    /** The supervisor's argv: a pure function of where java and the CLI jar are. */
    static List<String> argv(String java, Path cliJar, RunLayout layout, boolean setsid) {
        // 160 MB: restarting an engine opens a Cassandra driver session or a Kafka admin client in this JVM.
        List<String> argv = new ArrayList<>();
        if (setsid) {
            argv.add("setsid");
        }
        argv.addAll(List.of(java, "-Xms32m", "-Xmx160m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                EngineProcess.marker(NAME), "-cp", cliJar.toString(), CitadelCommand.class.getName(), "supervise",
                "--run-dir", layout.runDir().toString()));
        return argv;
    }

    /** Launches the supervisor for the plan already written to {@code services-plan.json}. */
    public static EngineProcess spawn(RunLayout layout) {
        JsonFiles.delete(layout.servicesState());
        boolean setsid = Files.isExecutable(Path.of("/usr/bin/setsid")) || Files.isExecutable(Path.of("/bin/setsid"));
        return EngineProcess.start(NAME, argv(javaExecutable(), cliJar(), layout, setsid), Map.of(), layout.runDir(),
                layout.logFile(NAME));
    }

    /**
     * Stops the supervisor (which stops its services), then any recorded service that survived it (e.g. after the
     * supervisor itself was SIGKILLed), and forgets the state. Returns how many processes were running.
     */
    public static int stop(RunLayout layout, Progress progress) {
        Optional<ServicesState> state = state(layout);
        int running = stopUnrecorded(layout, progress);
        if (state.isEmpty()) {
            return running;
        }
        long supervisor = state.get().supervisorPid();
        List<ServicesState.Service> services = state.get().services();
        long aliveServices = services.stream().filter(s -> EngineProcess.isEngine(s.pid(), s.name())).count();
        if (EngineProcess.isEngine(supervisor, NAME)) {
            progress.step("stopping the supervisor (pid " + supervisor + ") and its " + aliveServices + " services");
            EngineProcess.stopPid(supervisor, NAME, STOP_GRACE);
            running++;
        }
        for (ServicesState.Service s : services) {
            if (EngineProcess.isEngine(s.pid(), s.name())) {
                progress.step("stopping " + s.name() + " (pid " + s.pid() + ")");
                EngineProcess.stopPid(s.pid(), s.name(), ServiceSupervisor.STOP_GRACE);
            }
        }
        JsonFiles.delete(layout.servicesState());
        return running + (int) aliveServices;
    }

    /**
     * Stops every supervisor of this run directory that the state file does not name (each stops its own services);
     * returns how many there were. Before a new supervisor starts, an unrecorded one would fight it for the engines.
     */
    public static int stopUnrecorded(RunLayout layout, Progress progress) {
        long recorded = state(layout).map(ServicesState::supervisorPid).orElse(0L);
        int stopped = 0;
        for (long stray : running(layout)) {
            if (stray != recorded) {
                progress.step("stopping a supervisor of this run that no state file names (pid " + stray + ")");
                EngineProcess.stopPid(stray, NAME, STOP_GRACE);
                stopped++;
            }
        }
        return stopped;
    }

    static String javaExecutable() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    public static Path cliJar() {
        try {
            return Path.of(CitadelCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the CLI's own jar", e);
        }
    }

    public static String java() {
        return javaExecutable();
    }
}
