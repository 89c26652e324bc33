package dev.citadel.cli;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** Mixin: how much a command prints. {@code --verbose} and {@code --quiet} exclude each other. */
public final class OutputOptions {

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Level level;

    static final class Level {
        @Option(names = {"-v", "--verbose"}, description = "Print more: log tails and stack traces.")
        boolean verbose;

        @Option(names = {"-q", "--quiet"}, description = "Print only errors; the exit code tells the result.")
        boolean quiet;
    }

    public boolean verbose() {
        return level != null && level.verbose;
    }

    public boolean quiet() {
        return level != null && level.quiet;
    }

    /** Implemented by commands that mix these options in, so the exit-code mapper can honour --verbose. */
    interface Aware {
        OutputOptions output();
    }
}
