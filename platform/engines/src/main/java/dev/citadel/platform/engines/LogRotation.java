package dev.citadel.platform.engines;

import java.nio.file.Path;

/**
 * Rotation and size cap of every engine log: the live file rolls at {@link #MAX_FILE_MB} MiB (and daily) into
 * {@code logs/archive/<engine>.<date>.<n>.log.gz}; archives are kept {@link #MAX_DAYS} days and together at most
 * {@link #TOTAL_CAP_MB} MiB. So one engine's logs take at most about {@code MAX_FILE_MB + TOTAL_CAP_MB} MiB.
 */
public record LogRotation(Path logFile) {

    public static final int MAX_FILE_MB = 20;
    public static final int MAX_DAYS = 7;
    public static final int TOTAL_CAP_MB = 200;

    public Path archiveDir() {
        return logFile.toAbsolutePath().getParent().resolve("archive");
    }

    /** {@code cassandra-dc1} for {@code logs/cassandra-dc1.log}. */
    public String baseName() {
        String name = logFile.getFileName().toString();
        return name.endsWith(".log") ? name.substring(0, name.length() - 4) : name;
    }
}
