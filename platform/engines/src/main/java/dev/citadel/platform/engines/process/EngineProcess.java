package dev.citadel.platform.engines.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One engine child process: launched with its output appended to its own log file, waited on
 * until ready, stopped gracefully (SIGTERM, then SIGKILL after a grace period), and watched so a
 * death nobody asked for is reported to listeners.
 *
 * <p>Every engine command line carries {@code -Dcitadel.engine=<name>} ({@link #marker(String)}):
 * a later invocation (the CLI's {@code down}) checks it before signalling a pid, so a pid that the
 * OS has since given to another program is never killed.
 */
public final class EngineProcess {

    public static final String MARKER_PROPERTY = "citadel.engine";
    public static final Duration DEFAULT_GRACE = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration MARKER_WAIT = Duration.ofSeconds(10);
    private static final int TAIL_LINES = 40;
    private static final int CONSOLE_TAIL_LINES = 15;

    private final String name;
    private final ProcessHandle handle;
    private final Process process;
    private final Path logFile;
    private final Path consoleFile;
    private final AtomicBoolean stopRequested = new AtomicBoolean();
    private final List<Consumer<EngineProcess>> exitListeners = new CopyOnWriteArrayList<>();

    private EngineProcess(String name, ProcessHandle handle, Process process, Path logFile, Path consoleFile) {
        this.name = name;
        this.handle = handle;
        this.process = process;
        this.logFile = logFile;
        this.consoleFile = consoleFile;
        handle.onExit().thenRun(this::exited);
    }

    /** The system property that marks an engine's command line. */
    public static String marker(String engineName) {
        return "-D" + MARKER_PROPERTY + "=" + engineName;
    }

    /** Starts {@code argv} in {@code workDir}; stdout and stderr are appended to {@code logFile}. */
    public static EngineProcess start(String name, List<String> argv, Path workDir, Path logFile) {
        return start(name, argv, java.util.Map.of(), workDir, logFile);
    }

    /**
     * Like {@link #start(String, List, Path, Path)} with extra environment variables (e.g. a service's
     * {@code CITADEL_SECRETS_DIR}); the rest of the environment is inherited.
     */
    public static EngineProcess start(String name, List<String> argv, java.util.Map<String, String> environment,
                                      Path workDir, Path logFile) {
        return launch(name, argv, environment, workDir, logFile, logFile, false);
    }

    /**
     * For a child that writes {@code logFile} itself, with rotation and a size cap (the engines' logback / log4j2
     * configs): stdout and stderr, which then carry only what bypasses logging (JVM warnings, a crash before logging
     * is up), go to {@code consoleFile}. That file is rotated at each start (the previous run's is kept as
     * {@code <consoleFile>.1}), so it holds at most one run's console output plus one older run's.
     */
    public static EngineProcess startWithConsoleFile(String name, List<String> argv, Path workDir, Path logFile,
                                                     Path consoleFile) {
        return startWithConsoleFile(name, argv, java.util.Map.of(), workDir, logFile, consoleFile);
    }

    /** Like {@link #startWithConsoleFile(String, List, Path, Path, Path)} with extra environment variables. */
    public static EngineProcess startWithConsoleFile(String name, List<String> argv,
                                                     java.util.Map<String, String> environment, Path workDir,
                                                     Path logFile, Path consoleFile) {
        rotate(consoleFile);
        return launch(name, argv, environment, workDir, logFile, consoleFile, true);
    }

    private static EngineProcess launch(String name, List<String> argv, java.util.Map<String, String> environment,
                                        Path workDir, Path logFile, Path consoleFile, boolean fresh) {
        try {
            Files.createDirectories(workDir);
            Files.createDirectories(consoleFile.toAbsolutePath().getParent());
            if (!fresh) {
                FileOwnership.keepOnlyOwn(consoleFile);
            }
            // The log directory may be writable by the (unprivileged) components while this runs as root: a fresh
            // console file is created exclusively, so it is ours and no planted link redirects what root writes;
            // in a sticky directory nobody else can swap it before the redirect below opens it.
            Files.writeString(consoleFile, "==== citadel: starting " + name + " at " + Instant.now() + "\n",
                    StandardCharsets.UTF_8, fresh ? StandardOpenOption.CREATE_NEW : StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE, StandardOpenOption.APPEND, LinkOption.NOFOLLOW_LINKS);
            ProcessBuilder builder = new ProcessBuilder(argv);
            builder.environment().putAll(environment);
            Process process = builder
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(consoleFile.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .start();
            if (argv.contains(marker(name))) {
                awaitMarkerVisible(process, name);
            }
            return new EngineProcess(name, process.toHandle(), process, logFile, consoleFile);
        } catch (IOException e) {
            throw new EngineStartException("cannot launch " + name + ": " + e.getMessage(), e);
        }
    }

    private static void rotate(Path consoleFile) {
        try {
            if (Files.exists(consoleFile, LinkOption.NOFOLLOW_LINKS)) {
                Files.move(consoleFile, consoleFile.resolveSibling(consoleFile.getFileName() + ".1"),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rotate " + consoleFile, e);
        }
    }

    /**
     * Returns once the child's command line shows its marker, so {@link #isEngine} is true from the start. Right after
     * {@code start()} the child may still be exec'ing (a wrapper such as {@code setsid}, then {@code java}); meanwhile
     * {@code /proc/<pid>/cmdline} can be empty, and a caller that checked then took the live supervisor for dead (seen
     * once in CI). Bounded; a child that dies meanwhile is left for the caller to notice.
     */
    private static void awaitMarkerVisible(Process process, String name) {
        long deadline = System.nanoTime() + MARKER_WAIT.toNanos();
        while (process.isAlive() && !isEngine(process.pid(), name) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * Re-attaches to an engine started by an earlier invocation, if that pid is still alive and is
     * still that engine.
     */
    public static Optional<EngineProcess> attach(String name, long pid, Path logFile) {
        if (!isEngine(pid, name)) {
            return Optional.empty();
        }
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).map(h -> new EngineProcess(name, h, null, logFile, logFile));
    }

    /** True when {@code pid} is alive and its command line carries this engine's marker. */
    public static boolean isEngine(long pid, String name) {
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).isPresent()
                && ProcessCommandLines.of(pid).map(cmd -> hasMarker(cmd, marker(name))).orElse(false);
    }

    /**
     * Every live process carrying this engine's marker and {@code argument} as a whole word of its command line (e.g.
     * the run directory it serves): finds a process whose pid no state file recorded.
     */
    public static List<Long> findEngines(String name, String argument) {
        return ProcessHandle.allProcesses().filter(ProcessHandle::isAlive)
                .filter(p -> ProcessCommandLines.of(p.pid())
                        .map(cmd -> hasMarker(cmd, marker(name)) && hasMarker(cmd, argument)).orElse(false))
                .map(ProcessHandle::pid).toList();
    }

    private static boolean hasMarker(String commandLine, String marker) {
        return (" " + commandLine + " ").contains(" " + marker + " ");
    }

    /**
     * Stops a process started by an earlier invocation: only if its command line still carries a
     * Citadel engine marker (pid-reuse safety). Returns false when there was nothing to stop.
     *
     * @throws IllegalStateException if the pid is alive but is not a Citadel engine
     */
    public static boolean stopPid(long pid, Duration grace) {
        Optional<ProcessHandle> handle = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        if (handle.isEmpty()) {
            return false;
        }
        String cmd = ProcessCommandLines.of(pid).orElse("");
        if (!cmd.contains("-D" + MARKER_PROPERTY + "=")) {
            throw new IllegalStateException("pid " + pid + " is not a Citadel engine any more (pid reused?); not stopping it");
        }
        terminate(handle.get(), grace);
        return true;
    }

    /** Like {@link #stopPid(long, Duration)} but requires the marker of exactly this engine. */
    public static boolean stopPid(long pid, String engineName, Duration grace) {
        if (ProcessHandle.of(pid).filter(ProcessHandle::isAlive).isEmpty()) {
            return false;
        }
        if (!isEngine(pid, engineName)) {
            throw new IllegalStateException("pid " + pid + " is not engine " + engineName + " (pid reused?); not stopping it");
        }
        return stopPid(pid, grace);
    }

    /**
     * Polls {@code probe} until it answers true. Fails fast when the process exits, and after
     * {@code timeout}; either way the exception message carries the last lines of the log.
     */
    public void awaitReady(Duration timeout, ReadinessProbe probe) {
        Instant deadline = Instant.now().plus(timeout);
        Exception lastError = null;
        while (true) {
            if (!handle.isAlive()) {
                awaitReaped();
                throw new EngineStartException(name + " exited during start" + exitCode().map(c -> " with code " + c).orElse("")
                        + "; " + consoleFirstTail());
            }
            try {
                if (probe.ready()) {
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EngineStartException("interrupted while waiting for " + name, e);
            } catch (Exception e) {
                lastError = e;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new EngineStartException(name + " not ready after " + timeout.toSeconds() + " s"
                        + (lastError == null ? "" : " (last check: " + lastError + ")")
                        + "; last lines of " + logFile + ":\n" + logTail(), lastError);
            }
            sleep(POLL);
        }
    }

    /** Graceful stop: SIGTERM, wait up to {@code grace}, then SIGKILL. Listeners are not told: it was asked for. */
    public void stop(Duration grace) {
        stopRequested.set(true);
        terminate(handle, grace);
    }

    public void stop() {
        stop(DEFAULT_GRACE);
    }

    /** SIGKILL at once, as a crash would; the unexpected-exit listeners fire. For chaos and tests. */
    public void kill() {
        handle.destroyForcibly();
    }

    /** Called (on another thread) when the process dies without {@link #stop} having been called. */
    public void onUnexpectedExit(Consumer<EngineProcess> listener) {
        exitListeners.add(listener);
        if (!handle.isAlive() && !stopRequested.get()) {
            listener.accept(this);
        }
    }

    public String name() {
        return name;
    }

    public long pid() {
        return handle.pid();
    }

    public boolean isAlive() {
        return handle.isAlive();
    }

    public Path logFile() {
        return logFile;
    }

    public boolean stopRequested() {
        return stopRequested.get();
    }

    /**
     * The handle sees a process die before the JDK's reaper thread has collected its exit status;
     * wait for the reaper so that the exit code is known when we report it.
     */
    private void awaitReaped() {
        if (process == null) {
            return;
        }
        try {
            process.waitFor(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** {@link #exitCode()} once the JDK's reaper has collected it (waiting up to {@code wait} for that). */
    public Optional<Integer> awaitExitCode(Duration wait) {
        if (process != null) {
            try {
                process.waitFor(wait.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return exitCode();
    }

    /** Known only for processes this JVM started. */
    public Optional<Integer> exitCode() {
        if (process == null || process.isAlive()) {
            return Optional.empty();
        }
        return Optional.of(process.exitValue());
    }

    /** The last lines of the log; with a separate console file, also its last lines (a JVM that failed early). */
    public String logTail() {
        String tail = LogTail.lastLines(logFile, TAIL_LINES);
        if (consoleFile.equals(logFile)) {
            return tail;
        }
        return tail + "\n---- last lines of " + consoleFile + ":\n" + LogTail.lastLines(consoleFile, CONSOLE_TAIL_LINES);
    }

    /**
     * For a process that died during start: its console output first (a JVM that aborts, e.g. on a Java agent that
     * failed, says why only there), then its log.
     */
    private String consoleFirstTail() {
        String log = "last lines of " + logFile + ":\n" + LogTail.lastLines(logFile, TAIL_LINES);
        if (consoleFile.equals(logFile)) {
            return log;
        }
        return "last lines of " + consoleFile + ":\n" + LogTail.lastLines(consoleFile, CONSOLE_TAIL_LINES) + "\n---- "
                + log;
    }

    private void exited() {
        if (stopRequested.get()) {
            return;
        }
        for (Consumer<EngineProcess> listener : exitListeners) {
            listener.accept(this);
        }
    }

    private static void terminate(ProcessHandle handle, Duration grace) {
        if (!handle.isAlive()) {
            return;
        }
        handle.destroy();
        if (!waitForExit(handle, grace)) {
            handle.destroyForcibly();
            if (!waitForExit(handle, Duration.ofSeconds(15))) {
                throw new UncheckedIOException(new IOException("pid " + handle.pid() + " survived SIGKILL"));
            }
        }
    }

    private static boolean waitForExit(ProcessHandle handle, Duration timeout) {
        try {
            handle.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !handle.isAlive();
        } catch (java.util.concurrent.ExecutionException e) {
            return !handle.isAlive();
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineStartException("interrupted", e);
        }
    }

    @Override
    public String toString() {
        return "EngineProcess[" + name + ", pid " + pid() + (isAlive() ? "" : ", dead") + "]";
    }
}
