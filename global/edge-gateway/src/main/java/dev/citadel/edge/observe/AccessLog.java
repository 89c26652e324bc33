package dev.citadel.edge.observe;

import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The access log's hand-off from the event loops to the file. An event loop only formats its line and puts it on a
 * bounded queue; one daemon thread drains the queue every {@link #FLUSH_INTERVAL} and hands everything it found to
 * the {@code edge.access} logger as one event (lines joined by a newline), so the file gets one write per batch and
 * no event loop ever wakes another thread per request. Logback's AsyncAppender signals its worker for each event:
 * on this 2-core machine that context switch per request cost more than the proxying around it.
 * A full queue drops the line and counts it ({@code edge_access_log_dropped_total}): serving a request never
 * waits for its log line.
 */
public final class AccessLog implements AutoCloseable {
    static final Duration FLUSH_INTERVAL = Duration.ofMillis(10);
    static final int DEFAULT_CAPACITY = 65_536;
    /** Bounds one logging event, so a burst is written in pieces rather than as one huge string. */
    private static final int MAX_BATCH_CHARS = 1 << 20;
    private static final Logger ACCESS = LoggerFactory.getLogger("edge.access");

    private final Queue<String> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final int capacity;
    private final Consumer<String> sink;
    private final Runnable onDrop;
    private final Thread drainer;
    private volatile boolean closed;

    /** The production log: batches go to the {@code edge.access} logger; drops are counted in {@code metrics}. */
    public static AccessLog toLogger(EdgeMetrics metrics) {
        return new AccessLog(DEFAULT_CAPACITY, ACCESS::info, metrics::accessLogDropped);
    }

    AccessLog(int capacity, Consumer<String> sink, Runnable onDrop) {
        this.capacity = capacity;
        this.sink = sink;
        this.onDrop = onDrop;
        this.drainer = new Thread(this::drainUntilClosed, "edge-access-log");
        drainer.setDaemon(true);
        drainer.start();
    }

    /** False when the logger is switched off: callers then skip formatting the line at all. */
    public boolean enabled() {
        return ACCESS.isInfoEnabled();
    }

    public void append(String line) {
        if (closed || queued.incrementAndGet() > capacity) {
            queued.decrementAndGet();
            onDrop.run();
            return;
        }
        queue.offer(line);
    }

    private void drainUntilClosed() {
        while (!closed) {
            LockSupport.parkNanos(FLUSH_INTERVAL.toNanos());
            drain();
        }
        drain();
    }

    /** Writes whatever is queued now, in batches of at most {@link #MAX_BATCH_CHARS}. */
    void drain() {
        StringBuilder batch = new StringBuilder();
        int taken = 0;
        String line;
        while ((line = queue.poll()) != null) {
            taken++;
            if (batch.length() > 0) {
                batch.append('\n');
            }
            batch.append(line);
            if (batch.length() >= MAX_BATCH_CHARS) {
                write(batch);
                batch.setLength(0);
            }
        }
        queued.addAndGet(-taken);
        if (batch.length() > 0) {
            write(batch);
        }
    }

    private void write(StringBuilder batch) {
        try {
            sink.accept(batch.toString());
        } catch (RuntimeException e) {
            // The drainer must outlive a failing appender; the lines of this batch are lost and said so.
            LoggerFactory.getLogger(AccessLog.class).warn("access log batch not written: {}", e.toString());
        }
    }

    /** Writes what is still queued and stops the drainer. Later lines are dropped (and counted). */
    @Override
    public void close() {
        closed = true;
        LockSupport.unpark(drainer);
        try {
            drainer.join(Duration.ofSeconds(5).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
