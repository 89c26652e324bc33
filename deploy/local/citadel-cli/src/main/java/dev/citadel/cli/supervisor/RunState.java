package dev.citadel.cli.supervisor;

import java.util.List;

/** What is running for one run directory: written by {@code up}, read by {@code status}/{@code down}. */
public record RunState(String clusterName, String topology, String startedAt, List<ProcessRecord> processes) {

    public RunState {
        processes = List.copyOf(processes);
    }
}
