package dev.citadel.cli.chaos;

import java.time.Duration;
import java.util.List;

/**
 * Starves a stamp of CPU: every {@code period} its processes run for {@code share} of it and are stopped for the rest
 * (SIGSTOP/SIGCONT duty cycle), so they get that share of a core whatever the machine's load, like a throttled
 * container. Portable where cgroup limits are not writable.
 */
final class CpuStarvationFault implements Fault {

    static final Duration PERIOD = Duration.ofMillis(100);

    private final List<String> components;
    private final Duration hold;
    private final double share;
    private volatile boolean running;
    private Thread cycler;
    private List<Long> pids = List.of();

    CpuStarvationFault(List<String> components, Duration hold, double share) {
        if (share <= 0 || share >= 1) {
            throw new IllegalArgumentException("CPU share must be in (0, 1), was " + share);
        }
        this.components = List.copyOf(components);
        this.hold = hold;
        this.share = share;
    }

    @Override
    public void inject() {
        pids = components.stream().map(CitadelPids::require).toList();
        running = true;
        long runMillis = Math.max(1, Math.round(PERIOD.toMillis() * share));
        long stopMillis = PERIOD.toMillis() - runMillis;
        cycler = new Thread(() -> {
            try {
                while (running) {
                    pids.forEach(pid -> Signals.send("STOP", pid));
                    Thread.sleep(stopMillis);
                    pids.forEach(pid -> Signals.send("CONT", pid));
                    Thread.sleep(runMillis);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                pids.forEach(pid -> Signals.send("CONT", pid));
            }
        }, "chaos-cpu-starvation");
        cycler.setDaemon(true);
        cycler.start();
    }

    @Override
    public Duration hold() {
        return hold;
    }

    @Override
    public void heal() {
        running = false;
        if (cycler != null) {
            try {
                cycler.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
