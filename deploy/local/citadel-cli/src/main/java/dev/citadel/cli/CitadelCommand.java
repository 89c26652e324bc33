package dev.citadel.cli;

import dev.citadel.cli.network.Isolation;
import dev.citadel.cli.network.IsolationMarker;
import dev.citadel.cli.network.NetworkSetup;
import dev.citadel.cli.services.SupervisorProcess;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The root {@code citadel} command. It only lists its subcommands; each does one job. */
@Command(name = "citadel",
        mixinStandardHelpOptions = true,
        version = "citadel 0.1.0-SNAPSHOT",
        description = "Runs the Citadel topology on this machine.",
        subcommands = {UpCommand.class, StatusCommand.class, DownCommand.class, LogsCommand.class, StampCommand.class,
            NodetoolCommand.class, CheckCommand.class, ChaosCommand.class, RenderCommand.class, RotateCommand.class,
            MigrateCommand.class, ReleaseCommand.class,
            SuperviseCommand.class, CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:OK",
            "1:software error (a bug: run again with --verbose)",
            "2:usage error",
            "10:something that should run is dead",
            "11:a port the topology needs is already in use",
            "12:an engine did not become ready (what was started is stopped again)",
            "13:topology file missing or invalid",
            "14:state file unreadable or unwritable",
            "15:a process could not be stopped",
            "16:isolated mode unavailable (not root, ip/nft missing, a namespace command failed, no isolated network)",
            "17:check network: a flow was not as designed",
            "18:a chaos experiment missed a target or could not run",
            "19:rotate: a service did not follow the new secret in time (run it again to complete)",
            "20:release: the new unit failed its smoke test or a gate, or was rolled back on request (the old unit serves)",
            "21:release refused before anything started: the new build's schema change is not backward compatible"})
public final class CitadelCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCode.USAGE;
    }

    /** The configured command line: one exception-to-exit-code mapper for every subcommand. */
    public static CommandLine commandLine(CommandLine.IFactory factory) {
        ExitCodeMapper mapper = new ExitCodeMapper();
        return new CommandLine(new CitadelCommand(), factory)
                .setExitCodeExceptionMapper(mapper)
                .setExecutionExceptionHandler(mapper)
                .setExecutionStrategy(CitadelCommand::inTheRightZone);
    }

    /** A {@link ManagementCommand} on an isolated run, outside the management zone: the same command, run there. */
    private static int inTheRightZone(CommandLine.ParseResult parseResult) {
        CommandLine.ParseResult leaf = parseResult;
        while (leaf.hasSubcommand()) {
            leaf = leaf.subcommand();
        }
        if (leaf.commandSpec().userObject() instanceof ManagementCommand command && !leaf.isUsageHelpRequested()
                && !leaf.isVersionHelpRequested()) {
            try {
                java.util.Optional<String> prefix = IsolationMarker.read(command.runDir());
                if (prefix.isPresent() && !(prefix.get() + "-mgmt").equals(System.getenv(Isolation.ZONE_ENV))) {
                    NetworkSetup.requireRootAndTools();
                    return Isolation.reexecInManagement(prefix.get(), SupervisorProcess.java(),
                            SupervisorProcess.cliJar(), parseResult.originalArgs());
                }
            } catch (ExitException e) {
                throw new CommandLine.ExecutionException(leaf.commandSpec().commandLine(), e.getMessage(), e);
            }
        }
        return new CommandLine.RunLast().execute(parseResult);
    }

    public static void main(String[] args) {
        System.exit(commandLine(CommandLine.defaultFactory()).execute(args));
    }
}
