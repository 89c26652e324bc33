package dev.citadel.cli;

import dev.citadel.cli.topology.TopologyException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IExitCodeExceptionMapper;
import picocli.CommandLine.ParseResult;

/**
 * The single place that turns an exception into an exit code and a one-line message on stderr. Only unexpected
 * exceptions (software errors) show a stack trace, and only with {@code --verbose}.
 */
final class ExitCodeMapper implements IExitCodeExceptionMapper, IExecutionExceptionHandler {

    @Override
    public int getExitCode(Throwable exception) {
        if (exception instanceof ExitException exit) {
            return exit.code();
        }
        if (exception instanceof TopologyException) {
            return ExitCode.TOPOLOGY_INVALID;
        }
        if (exception instanceof CommandLine.ParameterException) {
            return ExitCode.USAGE;
        }
        return ExitCode.SOFTWARE;
    }

    @Override
    public int handleExecutionException(Exception exception, CommandLine commandLine, ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        int code = getExitCode(exception);
        if (code == ExitCode.SOFTWARE) {
            err.println("citadel: internal error: " + exception);
            if (verbose(commandLine)) {
                exception.printStackTrace(err);
            } else {
                err.println("citadel: run again with --verbose for the stack trace");
            }
        } else {
            err.println("citadel: " + exception.getMessage());
        }
        err.flush();
        return code;
    }

    private static boolean verbose(CommandLine commandLine) {
        return commandLine.getCommand() instanceof OutputOptions.Aware aware && aware.output().verbose();
    }
}
