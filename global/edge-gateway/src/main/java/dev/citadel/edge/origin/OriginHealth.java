package dev.citadel.edge.origin;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Health of one origin: a sliding window of the last N active probe results (healthy when at least K succeeded)
 * plus passive ejection on live traffic. An ejection empties the window, so the origin comes back only after K
 * fresh probe successes. Thread-safe (probes and many event loops report here); reads are lock-free.
 */
public final class OriginHealth {
    private final int sampleSize;
    private final int requiredSuccesses;
    private final int ejectAfter;
    private final Deque<Boolean> window = new ArrayDeque<>();
    private volatile boolean healthy = true; // optimistic at start: live traffic ejects a dead origin at once
    private volatile String lastReason = "starting";
    private volatile long lastProbeMillis;
    private volatile int consecutiveFailures;
    private long ejections;
    // Until the first window fills, judge only what the probes so far rule out: a fresh origin whose first
    // probe passed must not look worse than one not yet probed (that made a backup win at start-up).
    private boolean warmingUp = true;

    public OriginHealth(int sampleSize, int requiredSuccesses, int ejectAfter) {
        this.sampleSize = sampleSize;
        this.requiredSuccesses = requiredSuccesses;
        this.ejectAfter = ejectAfter;
    }

    public boolean healthy() {
        return healthy;
    }

    public String lastReason() {
        return lastReason;
    }

    public long lastProbeMillis() {
        return lastProbeMillis;
    }

    public synchronized long ejections() {
        return ejections;
    }

    public synchronized List<Boolean> probeWindow() {
        return new ArrayList<>(window);
    }

    public synchronized void probeResult(boolean ok, String reason, long nowMillis) {
        window.addLast(ok);
        while (window.size() > sampleSize) {
            window.removeFirst();
        }
        lastProbeMillis = nowMillis;
        long successes = window.stream().filter(b -> b).count();
        if (window.size() >= sampleSize) {
            warmingUp = false;
        }
        long stillPossible = warmingUp ? sampleSize - window.size() : 0;
        boolean nowHealthy = successes + stillPossible >= requiredSuccesses;
        if (nowHealthy && !healthy) {
            consecutiveFailures = 0;
        }
        healthy = nowHealthy;
        lastReason = "probe: " + reason;
    }

    /** A refused or failed connect: the origin is not there, so take it out at once. */
    public synchronized void connectFailed(String reason) {
        eject("connect: " + reason);
    }

    /** A 5xx (502/503/504) or a timeout from live traffic. */
    public synchronized void liveFailure(String reason) {
        if (++consecutiveFailures >= ejectAfter) {
            eject("live: " + consecutiveFailures + " consecutive failures, last " + reason);
        }
    }

    /** Called for every good response, so the common case takes no lock. */
    public void liveSuccess() {
        if (consecutiveFailures != 0) {
            synchronized (this) {
                consecutiveFailures = 0;
            }
        }
    }

    private void eject(String reason) {
        if (healthy) {
            ejections++;
        }
        healthy = false;
        warmingUp = false;
        lastReason = reason;
        window.clear();
        consecutiveFailures = 0;
    }
}
