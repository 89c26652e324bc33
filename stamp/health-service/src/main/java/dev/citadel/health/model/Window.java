package dev.citadel.health.model;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The samples of one series over the model's window (one minute by default). Keeps exactly one sample at or before
 * the window's start, so that a counter's increase covers the whole window once enough history exists. Not
 * thread-safe: the health model updates it from one thread.
 */
final class Window {

    private final Duration length;
    private final Deque<Point> points = new ArrayDeque<>();

    Window(Duration length) {
        this.length = length;
    }

    void add(Instant at, double value) {
        points.addLast(new Point(at, value));
        Instant start = at.minus(length);
        while (points.size() > 1 && !secondOldest().at().isAfter(start)) {
            points.removeFirst();
        }
    }

    /**
     * The increase of a counter over the window, or {@code null} with fewer than two samples. A counter that went
     * down was reset (its service restarted): the increase since the restart is the latest value.
     */
    Double increase() {
        if (points.size() < 2) {
            return null;
        }
        double first = points.getFirst().value();
        double last = points.getLast().value();
        return last >= first ? last - first : last;
    }

    /** The counter's increase per minute, or {@code null} with fewer than two samples. */
    Double perMinute() {
        Double increase = increase();
        if (increase == null) {
            return null;
        }
        long millis = Duration.between(points.getFirst().at(), points.getLast().at()).toMillis();
        return millis <= 0 ? null : increase * 60_000.0 / millis;
    }

    /**
     * A gauge's "sustained" level: the smallest of its last {@code samples} samples inside the window, so one
     * reading above a line is not enough to cross it. {@code null} when empty.
     */
    Double sustained(int samples) {
        if (points.isEmpty()) {
            return null;
        }
        Instant start = points.getLast().at().minus(length);
        double lowest = Double.NaN;
        int taken = 0;
        for (var it = points.descendingIterator(); it.hasNext() && taken < samples; taken++) {
            Point p = it.next();
            if (p.at().isBefore(start)) {
                break;
            }
            lowest = Double.isNaN(lowest) ? p.value() : Math.min(lowest, p.value());
        }
        return lowest;
    }

    /** Forgets the history (a source that failed must not mix its old and new counters across the gap). */
    void clear() {
        points.clear();
    }

    private Point secondOldest() {
        var it = points.iterator();
        it.next();
        return it.next();
    }

    private record Point(Instant at, double value) {
    }
}
