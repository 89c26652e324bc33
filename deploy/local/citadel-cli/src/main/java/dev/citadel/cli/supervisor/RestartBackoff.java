package dev.citadel.cli.supervisor;

import java.time.Duration;

/**
 * The delay before restarting a crashed process: 1 s, doubling per quick crash up to 30 s, back to 1 s once the
 * process had run for a minute (a crash after a long healthy run is news, not a crash loop). Not thread-safe: one per
 * supervised process, used under its owner's lock.
 */
public final class RestartBackoff {

    public static final Duration INITIAL = Duration.ofSeconds(1);
    public static final Duration MAX = Duration.ofSeconds(30);
    public static final Duration STABLE_AFTER = Duration.ofMinutes(1);

    private Duration next = INITIAL;

    /** The delay for this crash, given how long the process ran; doubles the next one. */
    public Duration afterCrash(Duration ranFor) {
        if (ranFor.compareTo(STABLE_AFTER) > 0) {
            next = INITIAL;
        }
        Duration delay = next;
        Duration doubled = next.multipliedBy(2);
        next = doubled.compareTo(MAX) > 0 ? MAX : doubled;
        return delay;
    }
}
