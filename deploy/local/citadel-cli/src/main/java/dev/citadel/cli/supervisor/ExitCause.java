package dev.citadel.cli.supervisor;

import java.util.Map;
import java.util.Optional;

/** How a process ended, in words an operator greps for: "exit code 137 (SIGKILL)". */
public final class ExitCause {

    /** The JVM reports death by signal N as exit code 128 + N. */
    private static final Map<Integer, String> SIGNALS = Map.of(1, "SIGHUP", 2, "SIGINT", 3, "SIGQUIT", 6, "SIGABRT",
            9, "SIGKILL", 11, "SIGSEGV", 15, "SIGTERM");

    /**
     * Said when the process was not a child of the describing JVM (an engine that {@code up} started, watched by
     * the supervisor): Linux gives the exit status only to the parent.
     */
    public static final String UNKNOWN = "exit status unknown (started by another process)";

    private ExitCause() {}

    public static String describe(Optional<Integer> exitCode) {
        return exitCode.map(ExitCause::describe).orElse(UNKNOWN);
    }

    public static String describe(int exitCode) {
        String signal = exitCode > 128 ? SIGNALS.get(exitCode - 128) : null;
        return "exit code " + exitCode + (signal == null ? "" : " (" + signal + ")");
    }
}
