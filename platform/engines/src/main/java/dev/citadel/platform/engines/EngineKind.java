package dev.citadel.platform.engines;

/** Which engine a child process runs. */
public enum EngineKind {
    CASSANDRA,
    KAFKA
}
