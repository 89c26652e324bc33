package dev.citadel.cli;

import dev.citadel.cli.services.RunLayout;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code citadel logs COMPONENT}: the tail of one component's log, optionally followed. */
@Command(name = "logs", mixinStandardHelpOptions = true,
        description = {"Prints the last lines of a component's log (.citadel/logs/COMPONENT.log), e.g. "
                + "catalog-api-region1, kafka-region2, edge, citadel-supervisor.",
                "Exits 2 with the list of known components when there is no such log."})
public final class LogsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    TopologyOptions topology;

    @Parameters(index = "0", paramLabel = "COMPONENT", description = "Component name as shown by `citadel status`.")
    String component;

    @Option(names = {"-n", "--lines"}, defaultValue = "50", description = "How many lines (default: ${DEFAULT-VALUE}).")
    int lines;

    @Option(names = {"-f", "--follow"}, description = "Keep printing what is appended, until interrupted.")
    boolean follow;

    @Override
    public Integer call() throws IOException, InterruptedException {
        RunLayout layout = new RunLayout(topology.runDir());
        if (!component.matches("[a-z0-9-]{1,64}")) {
            throw new ExitException(ExitCode.USAGE, "not a component name: " + component);
        }
        Path file = layout.logFile(component);
        if (!Files.isRegularFile(file)) {
            throw new ExitException(ExitCode.USAGE, "no log for '" + component + "'; known: " + known(layout));
        }
        PrintWriter out = spec.commandLine().getOut();
        try (Stream<String> all = Files.lines(file, StandardCharsets.UTF_8)) {
            var tail = new java.util.ArrayDeque<String>();
            all.forEach(line -> {
                tail.addLast(line);
                if (tail.size() > lines) {
                    tail.removeFirst();
                }
            });
            tail.forEach(out::println);
        } catch (java.io.UncheckedIOException e) {
            // a log being rotated or a malformed byte: fall back to raw bytes below
        }
        out.flush();
        if (follow) {
            follow(file, out);
        }
        return ExitCode.OK;
    }

    private static void follow(Path file, PrintWriter out) throws IOException, InterruptedException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long position = raf.length();
            byte[] buffer = new byte[8192];
            while (!Thread.currentThread().isInterrupted()) {
                long length = raf.length();
                if (length < position) {
                    position = 0; // truncated
                }
                if (length > position) {
                    raf.seek(position);
                    int n = raf.read(buffer);
                    position += n;
                    out.print(new String(buffer, 0, n, StandardCharsets.UTF_8));
                    out.flush();
                    continue;
                }
                Thread.sleep(250);
            }
        }
    }

    private static String known(RunLayout layout) throws IOException {
        if (!Files.isDirectory(layout.logs())) {
            return "none (nothing was started from " + layout.runDir() + ")";
        }
        try (Stream<Path> files = Files.list(layout.logs())) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".log"))
                    .map(n -> n.substring(0, n.length() - 4)).sorted().collect(Collectors.joining(", "));
        }
    }
}
