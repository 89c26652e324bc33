package dev.citadel.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code citadel check}: verifications of a running system; each is a subcommand. */
@Command(name = "check", mixinStandardHelpOptions = true, subcommands = CheckNetworkCommand.class,
        description = "Verifies a running system: `check network` tries every designed and undesigned flow.")
public final class CheckCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCode.USAGE;
    }
}
