package dev.citadel.testkit;

import dev.citadel.platform.engines.DataTier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cleans up after test JVMs that died without running their shutdown hook (killed by a timeout,
 * say): their engines would otherwise keep a gigabyte each. A run dir is only touched when the JVM
 * that owns it is gone, so a concurrent build of the same module keeps its engines.
 */
final class StaleRuns {

    static final String OWNER_FILE = "owner.pid";
    private static final Logger LOG = LoggerFactory.getLogger(StaleRuns.class);

    private StaleRuns() {
    }

    static void markOwner(Path runDir) {
        SharedEngines.createDirectories(runDir);
        try {
            Files.writeString(runDir.resolve(OWNER_FILE), Long.toString(ProcessHandle.current().pid()));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static void clean(Path base) {
        if (!Files.isDirectory(base)) {
            return;
        }
        try (Stream<Path> runs = Files.list(base)) {
            runs.filter(d -> d.getFileName().toString().startsWith("run-")).filter(StaleRuns::ownerGone)
                    .forEach(StaleRuns::stopAndDelete);
        } catch (IOException | RuntimeException e) {
            LOG.warn("could not clean stale test engine runs in {}: {}", base, e.toString());
        }
    }

    private static boolean ownerGone(Path runDir) {
        try {
            long owner = Long.parseLong(Files.readString(runDir.resolve(OWNER_FILE)).strip());
            return ProcessHandle.of(owner).map(h -> !h.isAlive()).orElse(true);
        } catch (IOException | NumberFormatException e) {
            return true;
        }
    }

    private static void stopAndDelete(Path runDir) {
        try {
            if (Files.exists(runDir.resolve("tier.properties"))) {
                DataTier.attach(runDir).stop();
            }
            try (Stream<Path> files = Files.walk(runDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("could not clean stale run {}: {}", runDir, e.toString());
        }
    }
}
