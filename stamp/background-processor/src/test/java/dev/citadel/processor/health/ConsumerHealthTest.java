package dev.citadel.processor.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConsumerHealthTest {

    /** A clock the test moves by hand. */
    static final class ManualClock extends Clock {
        Instant now = Instant.parse("2026-11-26T06:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    private final ManualClock clock = new ManualClock();
    private final AtomicLong lag = new AtomicLong(-1);
    private final ConsumerHealth health = new ConsumerHealth(clock, Duration.ofSeconds(30), Duration.ofSeconds(120),
            lag::get);
    private final CountDownLatch release = new CountDownLatch(1);
    private final Thread loop = new Thread(() -> {
        try {
            release.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    });

    @AfterEach
    void stopLoop() throws InterruptedException {
        release.countDown();
        loop.join();
    }

    @Test
    void notReadyUntilPartitionsAreAssignedAndPolled() {
        health.loopStarted(loop::isAlive);
        loop.start();
        assertThat(health.readiness().healthy()).isFalse();

        health.polled();
        assertThat(health.readiness().detail()).isEqualTo("no partitions assigned");

        health.assigned(3);
        assertThat(health.readiness().healthy()).isTrue();
    }

    @Test
    void notReadyWhenTheLastPollIsOlderThanTheWindow() {
        health.loopStarted(loop::isAlive);
        health.assigned(1);
        health.polled();
        clock.advance(Duration.ofSeconds(31));

        assertThat(health.readiness().healthy()).isFalse();
        assertThat(health.readiness().detail()).contains("no poll within 30 s");
    }

    @Test
    void notReadyWhileStopping() {
        health.loopStarted(loop::isAlive);
        health.assigned(1);
        health.polled();
        health.loopStopping();

        assertThat(health.readiness().healthy()).isFalse();
    }

    @Test
    void liveWhileTheLoopThreadRunsAndNothingIsWaiting() {
        health.loopStarted(loop::isAlive);
        loop.start();
        lag.set(0);
        clock.advance(Duration.ofHours(1));

        assertThat(health.liveness().healthy()).isTrue();
    }

    @Test
    void deadWhenTheLoopThreadDiedWithoutAStop() throws InterruptedException {
        health.loopStarted(loop::isAlive);
        loop.start();
        release.countDown();
        loop.join();

        assertThat(health.liveness().healthy()).isFalse();
        assertThat(health.liveness().detail()).isEqualTo("consumer thread died");
    }

    @Test
    void deadWhenThereIsABacklogButNoRecordWasSettledForTheStallTimeout() {
        health.loopStarted(loop::isAlive);
        loop.start();
        lag.set(42);
        clock.advance(Duration.ofSeconds(119));
        assertThat(health.liveness().healthy()).isTrue();

        clock.advance(Duration.ofSeconds(2));
        assertThat(health.liveness().healthy()).isFalse();

        health.progressed();
        assertThat(health.liveness().healthy()).isTrue();
    }

    @Test
    void staysLiveWhenTheLagIsUnknownBecauseARestartWouldNotHelp() {
        health.loopStarted(loop::isAlive);
        loop.start();
        lag.set(-1);
        clock.advance(Duration.ofHours(1));

        assertThat(health.liveness().healthy()).isTrue();
    }
}
