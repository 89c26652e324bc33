package dev.citadel.edge.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AccessLogTest {
    private final List<String> batches = new CopyOnWriteArrayList<>();
    private final AtomicInteger dropped = new AtomicInteger();

    @Test
    void writesQueuedLinesAsOneBatchWithinAFewFlushIntervals() {
        try (AccessLog log = new AccessLog(100, batches::add, dropped::incrementAndGet)) {
            log.append("{\"n\":1}");
            log.append("{\"n\":2}");

            await().atMost(Duration.ofSeconds(5)).until(() -> String.join("\n", batches).contains("{\"n\":2}"));
        }
        assertThat(String.join("\n", batches).split("\n")).containsExactly("{\"n\":1}", "{\"n\":2}");
        assertThat(dropped).hasValue(0);
    }

    @Test
    void dropsAndCountsLinesBeyondItsCapacityInsteadOfWaiting() {
        List<String> slow = new CopyOnWriteArrayList<>();
        AccessLog log = new AccessLog(3, batch -> {
            slow.add(batch);
        }, dropped::incrementAndGet);
        try {
            // The drainer may run between appends, so offer far more than the capacity in one go.
            for (int i = 0; i < 10_000; i++) {
                log.append("x" + i);
            }
        } finally {
            log.close();
        }
        long written = slow.stream().mapToLong(b -> b.split("\n").length).sum();
        assertThat(dropped.get()).isPositive();
        assertThat(written + dropped.get()).isEqualTo(10_000);
    }

    @Test
    void closeWritesWhatIsStillQueuedAndCountsLaterLinesAsDropped() {
        AccessLog log = new AccessLog(100, batches::add, dropped::incrementAndGet);
        log.append("last words");
        log.close();

        assertThat(String.join("\n", batches)).isEqualTo("last words");
        log.append("too late");
        assertThat(dropped).hasValue(1);
    }

    @Test
    void keepsDrainingAfterTheSinkThrows() {
        AtomicInteger calls = new AtomicInteger();
        try (AccessLog log = new AccessLog(100, batch -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("disk full");
            }
            batches.add(batch);
        }, dropped::incrementAndGet)) {
            log.append("lost");
            await().atMost(Duration.ofSeconds(5)).until(() -> calls.get() >= 1);
            log.append("kept");
            await().atMost(Duration.ofSeconds(5)).until(() -> batches.contains("kept"));
        }
    }
}
