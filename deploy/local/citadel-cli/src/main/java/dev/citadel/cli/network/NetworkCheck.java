package dev.citadel.cli.network;

import dev.citadel.cli.ExitCode;
import dev.citadel.cli.ExitException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Tries every (source zone, destination socket) pair of a plan with a real TCP connect from inside the source zone's
 * namespace, and compares what happened with the design.
 */
public final class NetworkCheck {

    /** Seconds one connect may take; a reject arrives in milliseconds, only a silent drop waits this long. */
    static final int CONNECT_TIMEOUT_SECONDS = 2;
    /** Zones probed at once (each zone's probes run in parallel inside it). */
    private static final int PARALLEL_ZONES = 3;

    private NetworkCheck() {}

    /** One probe's result against the design. */
    public record Result(Zone source, Destination destination, boolean designed, ProbeOutcome outcome) {

        public boolean asDesigned() {
            return designed == outcome.reached();
        }
    }

    /** Probes every pair across zones; fails before any packet if a namespace of the plan is missing. */
    public static List<Result> run(NetworkPlan plan, String prefix) {
        List<String> missing = plan.namespaces(prefix).stream().filter(ns -> !NetworkSetup.exists(ns)).toList();
        if (!missing.isEmpty()) {
            throw new ExitException(ExitCode.ISOLATION_UNAVAILABLE, "the isolated network is not (fully) up: missing "
                    + "namespaces " + String.join(", ", missing) + "; run `up --isolated` first");
        }
        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL_ZONES);
        try {
            List<Future<List<Result>>> perZone = new ArrayList<>();
            for (Zone zone : plan.zones()) {
                perZone.add(pool.submit(() -> probeFrom(plan, prefix, zone)));
            }
            List<Result> results = new ArrayList<>();
            for (Future<List<Result>> f : perZone) {
                results.addAll(f.get());
            }
            return results;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ExitException(ExitCode.ISOLATION_UNAVAILABLE, "interrupted", e);
        } finally {
            pool.shutdownNow();
        }
    }

    /** The destinations a zone is probed against: every socket of the other zones. */
    public static List<Destination> targets(NetworkPlan plan, Zone source) {
        return plan.destinations().stream().filter(d -> !d.zone().equals(source)).toList();
    }

    private static List<Result> probeFrom(NetworkPlan plan, String prefix, Zone source) {
        List<Destination> targets = targets(plan, source);
        String output = NetworkSetup.run(new NetworkCommands.Command(
                List.of("ip", "netns", "exec", source.namespace(prefix), "bash", "-c", script(targets)), null));
        Map<Integer, ProbeOutcome> outcomes = parse(output);
        List<Result> results = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
            Destination d = targets.get(i);
            ProbeOutcome outcome = outcomes.getOrDefault(i, new ProbeOutcome(false, "failed: no probe result"));
            results.add(new Result(source, d, plan.designed(source, d), outcome));
        }
        return results;
    }

    /**
     * One bash script per zone: every connect in the background, one line {@code <index> <exit> <message>} each
     * (a line is one write, so parallel lines do not interleave).
     */
    static String script(List<Destination> targets) {
        StringBuilder s = new StringBuilder();
        s.append("p() { m=$(timeout ").append(CONNECT_TIMEOUT_SECONDS)
                .append(" bash -c \"exec 3<>/dev/tcp/$2/$3\" 2>&1); rc=$?; echo \"$1 $rc ${m//$'\\n'/ }\"; }\n");
        for (int i = 0; i < targets.size(); i++) {
            s.append("p ").append(i).append(' ').append(targets.get(i).address()).append(' ')
                    .append(targets.get(i).port()).append(" &\n");
        }
        s.append("wait\n");
        return s.toString();
    }

    static Map<Integer, ProbeOutcome> parse(String output) {
        Map<Integer, ProbeOutcome> outcomes = new HashMap<>();
        for (String line : output.split("\n")) {
            String[] parts = line.strip().split(" ", 3);
            if (parts.length >= 2 && parts[0].matches("\\d+") && parts[1].matches("\\d+")) {
                outcomes.put(Integer.parseInt(parts[0]),
                        ProbeOutcome.classify(Integer.parseInt(parts[1]), parts.length == 3 ? parts[2] : ""));
            }
        }
        return outcomes;
    }
}
