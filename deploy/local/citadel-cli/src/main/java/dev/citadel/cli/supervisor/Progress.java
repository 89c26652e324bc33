package dev.citadel.cli.supervisor;

/** Receives one line per start/stop step, as it happens. */
@FunctionalInterface
public interface Progress {

    Progress SILENT = message -> {};

    void step(String message);
}
