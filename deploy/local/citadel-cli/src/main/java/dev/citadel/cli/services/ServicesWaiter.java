package dev.citadel.cli.services;

import dev.citadel.cli.ExitCode;
import dev.citadel.cli.ExitException;
import dev.citadel.cli.supervisor.ExitCause;
import dev.citadel.cli.supervisor.Progress;
import dev.citadel.platform.engines.process.EngineProcess;
import dev.citadel.platform.engines.process.LogTail;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code up}'s side of the start: follows the supervisor's state file until every service is ready. */
public final class ServicesWaiter {

    private static final Duration POLL = Duration.ofMillis(500);

    private ServicesWaiter() {}

    /**
     * Returns when every planned service is ready. A service that does not get there in time (or a supervisor that
     * died) fails the {@code up} with its log tail; what runs is left running so that {@code logs} and
     * {@code status} can show why — {@code down} stops it.
     */
    public static void await(RunLayout layout, ServicePlan plan, EngineProcess supervisor, Duration timeout,
                             Progress progress) {
        Instant deadline = Instant.now().plus(timeout);
        Map<String, String> seen = new HashMap<>();
        while (true) {
            Optional<ServicesState> state = SupervisorProcess.state(layout);
            if (state.isPresent()) {
                for (ServicesState.Service s : state.get().services()) {
                    String shown = s.state() + "/" + s.restarts();
                    if (!shown.equals(seen.put(s.name(), shown))) {
                        progress.step(s.name() + " " + s.state() + (s.pid() > 0 ? " (pid " + s.pid() + ")" : "")
                                + (s.restarts() > 0 ? ", restarts " + s.restarts() + ", last: " + s.lastExit() : ""));
                    }
                }
                if (state.get().services().size() == plan.services().size() && state.get().allReady()) {
                    return;
                }
            }
            // Asked of the child process itself (this JVM is its parent), not of /proc: a slow exec cannot make a
            // live supervisor look dead. Should the pid spawned have handed over to another (a forking setsid), the
            // supervisor of this run directory is still found by its command line.
            if (!supervisor.isAlive() && SupervisorProcess.running(layout).isEmpty()) {
                throw supervisorGone(layout, supervisor);
            }
            if (Instant.now().isAfter(deadline)) {
                throw notReady(layout, state.map(ServicesState::services).orElse(List.of()), timeout);
            }
            sleep();
        }
    }

    /** Its exit status (a signal means something outside killed it) and both its logs: console and libraries'. */
    private static ExitException supervisorGone(RunLayout layout, EngineProcess supervisor) {
        String status = "exited with " + ExitCause.describe(supervisor.awaitExitCode(Duration.ofSeconds(2)));
        Path libs = layout.logFile(SupervisorProcess.LIBS_LOG);
        return new ExitException(ExitCode.NOT_READY, "the supervisor (pid " + supervisor.pid() + ") " + status
                + "; last lines of its log:\n" + LogTail.lastLines(layout.logFile(SupervisorProcess.NAME), 30)
                + "\n---- last lines of " + libs + ":\n" + LogTail.lastLines(libs, 30));
    }

    private static ExitException notReady(RunLayout layout, List<ServicesState.Service> services, Duration timeout) {
        StringBuilder message = new StringBuilder("not every service was ready within " + timeout.toSeconds()
                + " s (they keep running; see `citadel status`, `citadel logs NAME`, then `citadel down`):");
        for (ServicesState.Service s : services) {
            if (!ServicesState.READY.equals(s.state())) {
                message.append("\n  ").append(s.name()).append(": ").append(s.state()).append(", last lines of ")
                        .append(s.logFile()).append(":\n").append(LogTail.lastLines(Path.of(s.logFile()), 15));
            }
        }
        return new ExitException(ExitCode.NOT_READY, message.toString());
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ExitException(ExitCode.NOT_READY, "interrupted while waiting for the services");
        }
    }
}
