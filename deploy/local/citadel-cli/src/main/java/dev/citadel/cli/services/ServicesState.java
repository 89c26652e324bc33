package dev.citadel.cli.services;

import java.util.List;

/**
 * What the supervisor runs now, as written by it to {@code services-state.json} after every change, and read by
 * {@code up} (progress), {@code status} and {@code down}.
 */
public record ServicesState(long supervisorPid, String startedAt, List<String> skipped, List<Service> services) {

    public ServicesState {
        skipped = List.copyOf(skipped);
        services = List.copyOf(services);
    }

    /** One supervised process. {@code state}: starting, ready, restarting or stopped. */
    public record Service(String name, String region, ServiceKind kind, String address, long pid, String state,
                          int restarts, String lastExit, String logFile) {}

    public static final String STARTING = "starting";
    public static final String READY = "ready";
    public static final String RESTARTING = "restarting";
    public static final String STOPPED = "stopped";

    public boolean allReady() {
        return services.stream().allMatch(s -> READY.equals(s.state()));
    }
}
