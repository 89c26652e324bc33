package dev.citadel.platform.engines;

import java.nio.file.Path;

/** What runs where: one row per engine process of a data tier. {@code pid} is -1 when never started. */
public record EngineStatus(String name, EngineKind kind, long pid, String address, Path logFile, boolean alive) {
}
