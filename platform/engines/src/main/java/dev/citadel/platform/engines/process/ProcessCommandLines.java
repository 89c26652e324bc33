package dev.citadel.platform.engines.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Reads another process's command line, to tell our engine from an unrelated process that reused its pid. */
final class ProcessCommandLines {

    private ProcessCommandLines() {
    }

    static Optional<String> of(long pid) {
        Path proc = Path.of("/proc", Long.toString(pid), "cmdline");
        if (Files.isReadable(proc)) {
            try {
                // NUL-separated and complete, unlike ProcessHandle.Info which may be truncated or empty.
                return Optional.of(new String(Files.readAllBytes(proc), StandardCharsets.UTF_8).replace('\0', ' '));
            } catch (IOException e) {
                return Optional.empty();
            }
        }
        return ProcessHandle.of(pid).flatMap(h -> h.info().commandLine());
    }
}
