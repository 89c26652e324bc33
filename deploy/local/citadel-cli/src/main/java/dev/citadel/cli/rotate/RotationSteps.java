package dev.citadel.cli.rotate;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The rhythm every online rotation shares: named steps, each printed with the time since the rotation started and
 * its own duration, and waits for a consumer to follow a changed file that end in {@link ApiKeyRotation.Incomplete}
 * with the command that resumes the rotation.
 */
final class RotationSteps {

    private static final long POLL_MILLIS = 200;

    /** A condition probed over the network: it may block, and it may be interrupted. */
    interface Condition {
        boolean met() throws InterruptedException;
    }

    private final String command;
    private final String stateWhileWaiting;
    private final Duration followTimeout;
    private final PrintWriter out;
    private final long startedAt = System.nanoTime();
    private final Map<String, Duration> steps = new LinkedHashMap<>();

    /**
     * @param command           the {@code citadel rotate} argument that resumes an interrupted rotation, e.g.
     *                          {@code api-key}
     * @param stateWhileWaiting what holds while a consumer has not followed yet, told to the operator when it never does
     */
    RotationSteps(String command, String stateWhileWaiting, Duration followTimeout, PrintWriter out) {
        this.command = command;
        this.stateWhileWaiting = stateWhileWaiting;
        this.followTimeout = followTimeout;
        this.out = out;
    }

    /** The start of a step, to pass to {@link #step}. */
    long begin() {
        return System.nanoTime();
    }

    void step(String name, long begun, String message) {
        long now = System.nanoTime();
        Duration took = Duration.ofNanos(now - begun);
        steps.put(name, took);
        out.printf("[%6.1f s] %s (%d ms)%n", (now - startedAt) / 1e9, message, took.toMillis());
        out.flush();
    }

    void say(String message) {
        out.println(message);
        out.flush();
    }

    /** Waits until {@code condition} holds; {@code who} did not {@code what} within the follow timeout otherwise. */
    void await(String who, String what, Condition condition) throws InterruptedException {
        long deadline = System.nanoTime() + followTimeout.toNanos();
        while (!condition.met()) {
            if (System.nanoTime() > deadline) {
                throw new ApiKeyRotation.Incomplete(who + " did not " + what + " within " + followTimeout.toSeconds()
                        + " s; " + stateWhileWaiting + ". Check it (`citadel status`, its log), then run "
                        + "`citadel rotate " + command + "` again: it completes this rotation");
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    Map<String, Duration> durations() {
        return Map.copyOf(steps);
    }
}
