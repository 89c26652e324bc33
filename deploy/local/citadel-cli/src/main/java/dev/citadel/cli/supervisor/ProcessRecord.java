package dev.citadel.cli.supervisor;

import dev.citadel.platform.engines.EngineKind;

/** A process that {@code up} started, as remembered in the state file. */
public record ProcessRecord(String name, String region, EngineKind kind, String address, long pid, String logFile) {}
