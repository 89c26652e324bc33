package dev.citadel.cli.chaos;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** SIGKILL to one or more components at once; bringing them back is the supervisor's job, not the experiment's. */
record KillFault(List<String> components) implements Fault {

    /** Far more than the kernel needs to tear down a JVM of a few GiB; a process still there after it is stuck. */
    static final Duration DEATH_TIMEOUT = Duration.ofSeconds(10);

    KillFault {
        components = List.copyOf(components);
    }

    @Override
    public void inject() {
        List<Long> pids = components.stream().map(CitadelPids::require).toList();
        pids.forEach(pid -> Signals.send("KILL", pid));
        // kill(2) returns before the process is gone, and a large JVM takes a noticeable time to unmap its memory.
        // Until then `status` still sees the old process running, so the recovery wait would end at once and
        // report an RTO of a few milliseconds for a service that is in fact still dead.
        for (long pid : pids) {
            awaitGone(pid, DEATH_TIMEOUT);
        }
    }

    @Override
    public Duration hold() {
        return Duration.ZERO;
    }

    @Override
    public void heal() {
        // The supervisor restarts what died; the recovery time measures how well it does.
    }

    static void awaitGone(long pid, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!gone(Path.of("/proc", Long.toString(pid), "stat"))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("process " + pid + " still exists " + timeout.toSeconds()
                        + " s after SIGKILL");
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + pid + " to die", e);
            }
        }
    }

    /** Gone: no entry in /proc, or a zombie (dead, waiting for its parent to reap it). */
    static boolean gone(Path procStat) {
        try {
            String stat = Files.readString(procStat);
            // The state follows the command name, which is in parentheses and may itself contain ") ".
            int end = stat.lastIndexOf(')');
            return end < 0 || end + 2 >= stat.length() || stat.charAt(end + 2) == 'Z' || stat.charAt(end + 2) == 'X';
        } catch (NoSuchFileException e) {
            return true;
        } catch (IOException e) {
            // /proc/<pid> vanished between the lookup and the read.
            return true;
        }
    }
}
