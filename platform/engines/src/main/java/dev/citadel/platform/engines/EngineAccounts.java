package dev.citadel.platform.engines;

import dev.citadel.platform.engines.process.FileOwnership;
import dev.citadel.platform.engines.process.LaunchPrefix;
import dev.citadel.platform.engines.process.ProcessIdentity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Gives an engine its own account when the tier separates users ({@link DataTierSpec#separateUsers()}): creates the
 * account, hands it the engine's directory and its log files, opens the paths it must cross, and returns the prefix
 * that drops root for its JVM. Without separation: nothing, and an empty prefix.
 */
final class EngineAccounts {

    private EngineAccounts() {}

    /** Call after every file of the engine is written, right before its launch. */
    static LaunchPrefix prepare(DataTierSpec spec, String engineName, Path engineDir) {
        Optional<ProcessIdentity> identity = spec.identity(engineName);
        if (identity.isEmpty()) {
            return LaunchPrefix.NONE;
        }
        ProcessIdentity who = identity.get().ensureExists();
        openSharedPaths(spec);
        FileOwnership.giveTree(engineDir, who);
        giveLogs(spec, engineName, who);
        return LaunchPrefix.runAs(who);
    }

    /** The engine's classpath as its account can read it. */
    static String classpath(DataTierSpec spec, String classpath, String kind) {
        return spec.separateUsers() ? EngineClasspath.sharedCopy(classpath, spec.engineJarsDir().resolve(kind)) : classpath;
    }

    /** The run directory and {@code nodes/} crossed by path only; the log directories shared like {@code /tmp}. */
    static void openSharedPaths(DataTierSpec spec) {
        FileOwnership.mode(spec.runDir(), FileOwnership.TRAVERSE_ONLY);
        FileOwnership.mode(spec.runDir().resolve("jars"), FileOwnership.TRAVERSE_ONLY);
        FileOwnership.mode(spec.runDir().resolve("nodes"), FileOwnership.TRAVERSE_ONLY);
        FileOwnership.stickyShared(spec.logDir());
        FileOwnership.stickyShared(new LogRotation(spec.logFile("any")).archiveDir());
    }

    /** Its live log and archives, e.g. left owned by root by a run without separation: the engine must rotate them. */
    private static void giveLogs(DataTierSpec spec, String engineName, ProcessIdentity who) {
        FileOwnership.giveFile(spec.logFile(engineName), who);
        Path archive = new LogRotation(spec.logFile(engineName)).archiveDir();
        try (Stream<Path> files = Files.list(archive)) {
            files.filter(f -> f.getFileName().toString().startsWith(engineName + "."))
                    .forEach(f -> FileOwnership.giveFile(f, who));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + archive, e);
        }
    }
}
