package dev.citadel.edge.origin;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Health of one origin: a sliding window of the last N active probe results (healthy when at least K succeeded)
 * plus passive ejection on live traffic. An ejection empties the window, so the origin comes back only after K
 * fresh probe successes. Thread-safe (probes and many event loops report here); reads are lock-free.
 *
 * <p>Failure and overload are told apart by the callers ({@link LiveSignal}): a stamp that says its dependency is
 * down (live 503 of type dependency-unavailable, or a probe verdict {@code dependency-down}) or refuses connections
 * is ejected at once; other failures (500/502/504/503 without a type, a lost connection) after
 * {@code ejectAfter} in a row; overload (429, a shed 503, slowness) never counts. {@link #badness()} ranks unhealthy
 * origins so the selector can fall back to the least bad one instead of having none.
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
    private volatile int badness;
    private long ejections;
    // Until the first window fills, judge only what the probes so far rule out: a fresh origin whose first
    // probe passed must not look worse than one not yet probed (that made a backup win at start-up).
    private boolean warmingUp = true;

    public OriginHealth(int sampleSize, int requiredSuccesses, int ejectAfter) {
        this.sampleSize = sampleSize;
        this.requiredSuccesses = requiredSuccesses;
        this.ejectAfter = ejectAfter;
    }

    /** Not ejected, no fault known. */
    public static final int HEALTHY = 0;
    /** Failed its probes (busy, score red, out of rotation): may still serve. */
    public static final int PROBES_FAILED = 1;
    /** Ejected on live failures or a refused connect. */
    public static final int EJECTED = 2;
    /** The stamp said a dependency it needs is down: the last resort. */
    public static final int DEPENDENCY_DOWN = 3;

    public boolean healthy() {
        return healthy;
    }

    /** How bad an unhealthy origin is ({@link #HEALTHY} .. {@link #DEPENDENCY_DOWN}); 0 exactly when healthy. */
    public int badness() {
        return badness;
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
        if (nowHealthy) {
            badness = HEALTHY;
        } else if (badness == HEALTHY) {
            badness = PROBES_FAILED;
        }
        lastReason = "probe: " + reason;
    }

    /** The stamp's health verdict says a dependency is down: no point waiting for a second probe. */
    public synchronized void probeDependencyDown(String reason, long nowMillis) {
        lastProbeMillis = nowMillis;
        eject("probe: " + reason, DEPENDENCY_DOWN);
    }

    /** A live 503 whose problem type says a dependency of the stamp is unavailable. */
    public synchronized void dependencyDown(String reason) {
        eject("live: " + reason, DEPENDENCY_DOWN);
    }

    /** A refused or failed connect: the origin is not there, so take it out at once. */
    public synchronized void connectFailed(String reason) {
        eject("connect: " + reason, EJECTED);
    }

    /** A failure of live traffic (500/502/504, a 503 without a dependency or overload type, a lost connection). */
    public void liveFailure(String reason) {
        liveFailure(reason, false);
    }

    /**
     * @param lastServing no other origin of the group is healthy: count the failure but keep the origin, since
     *                    ejecting it would leave the group with nothing better to send to (no cascade)
     */
    public synchronized void liveFailure(String reason, boolean lastServing) {
        if (++consecutiveFailures >= ejectAfter && !lastServing) {
            eject("live: " + consecutiveFailures + " consecutive failures, last " + reason, EJECTED);
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

    private void eject(String reason, int newBadness) {
        if (healthy) {
            ejections++;
        }
        healthy = false;
        badness = newBadness;
        warmingUp = false;
        lastReason = reason;
        window.clear();
        consecutiveFailures = 0;
    }
}
