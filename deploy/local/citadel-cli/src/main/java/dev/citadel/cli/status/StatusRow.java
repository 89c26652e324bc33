package dev.citadel.cli.status;

/** One line of the status table. */
public record StatusRow(String component, String region, String kind, String address, long pid,
                        ComponentState state, String logFile) {}
