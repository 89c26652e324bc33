package dev.citadel.cli.supervisor;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;

/** Prints each step as {@code [ 12.3s] message}, the time counted from when this printer was created. */
public final class ProgressPrinter implements Progress {

    private final PrintWriter out;
    private final LongSupplier nanoClock;
    private final long start;

    public ProgressPrinter(PrintWriter out) {
        this(out, System::nanoTime);
    }

    ProgressPrinter(PrintWriter out, LongSupplier nanoClock) {
        this.out = out;
        this.nanoClock = nanoClock;
        this.start = nanoClock.getAsLong();
    }

    @Override
    public synchronized void step(String message) {
        double seconds = (nanoClock.getAsLong() - start) / 1e9;
        out.printf(Locale.ROOT, "[%6.1fs] %s%n", seconds, message);
        out.flush();
    }
}
