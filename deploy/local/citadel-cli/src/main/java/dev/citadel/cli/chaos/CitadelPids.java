package dev.citadel.cli.chaos;

import dev.citadel.platform.engines.process.EngineProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Finds the live process of a Citadel component by the marker on its command line ({@code -Dcitadel.engine=<name>}),
 * read from {@code /proc}, so it also finds processes that run as another user.
 */
final class CitadelPids {

    private CitadelPids() {}

    static Optional<Long> of(String component) {
        String marker = EngineProcess.marker(component);
        return ProcessHandle.allProcesses().map(ProcessHandle::pid).filter(pid -> commandLine(pid).contains(marker))
                .findFirst();
    }

    static long require(String component) {
        return of(component).orElseThrow(() -> new IllegalStateException(component + " is not running"));
    }

    static List<String> commandLine(long pid) {
        try {
            byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
            return List.of(new String(raw, StandardCharsets.UTF_8).split("\0"));
        } catch (IOException | SecurityException e) {
            return List.of();
        }
    }
}
