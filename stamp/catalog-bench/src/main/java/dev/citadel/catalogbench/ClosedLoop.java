package dev.citadel.catalogbench;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A fixed number of workers, each issuing one operation at a time (closed loop), for a warm-up then a measured
 * window; only operations that start inside the window count. Bounded by time; each operation bounds itself with
 * its own client timeout.
 */
final class ClosedLoop {

    /** One operation; true = success. A thrown exception counts as an error. */
    interface Op {
        boolean run() throws Exception;
    }

    private static final int MAX_SAMPLES_PER_WORKER = 4_000_000;

    private ClosedLoop() {
    }

    static Result run(String name, int concurrency, Duration warmup, Duration measure, Op op) throws InterruptedException {
        long start = System.nanoTime();
        long measureFrom = start + warmup.toNanos();
        long measureTo = measureFrom + measure.toNanos();
        long[][] samples = new long[concurrency][];
        int[] counts = new int[concurrency];
        AtomicLong errors = new AtomicLong();
        Thread[] workers = new Thread[concurrency];
        for (int w = 0; w < concurrency; w++) {
            int worker = w;
            samples[w] = new long[1 << 16];
            workers[w] = new Thread(() -> {
                while (true) {
                    long t0 = System.nanoTime();
                    if (t0 >= measureTo) {
                        return;
                    }
                    boolean ok;
                    try {
                        ok = op.run();
                    } catch (InterruptedException e) {
                        return;
                    } catch (Exception e) {
                        ok = false;
                    }
                    long t1 = System.nanoTime();
                    if (t0 < measureFrom) {
                        continue;
                    }
                    if (!ok) {
                        errors.incrementAndGet();
                    } else if (counts[worker] < MAX_SAMPLES_PER_WORKER) {
                        if (counts[worker] == samples[worker].length) {
                            samples[worker] = java.util.Arrays.copyOf(samples[worker], samples[worker].length * 2);
                        }
                        samples[worker][counts[worker]++] = t1 - t0;
                    }
                }
            }, "bench-" + name + "-" + w);
            workers[w].setDaemon(true);
            workers[w].start();
        }
        long deadlineMillis = System.currentTimeMillis() + warmup.toMillis() + measure.toMillis() + 60_000;
        for (Thread t : workers) {
            t.join(Math.max(1, deadlineMillis - System.currentTimeMillis()));
            if (t.isAlive()) {
                t.interrupt();
            }
        }
        int total = 0;
        for (int c : counts) {
            total += c;
        }
        long[] all = new long[total];
        int at = 0;
        for (int w = 0; w < concurrency; w++) {
            System.arraycopy(samples[w], 0, all, at, counts[w]);
            at += counts[w];
        }
        return Result.of(name, errors.get(), measure.toNanos() / 1e9, all, "c=" + concurrency);
    }
}
