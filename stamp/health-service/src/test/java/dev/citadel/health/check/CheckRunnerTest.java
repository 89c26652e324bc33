package dev.citadel.health.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CheckRunnerTest {

    private final DependencyCalls calls = new DependencyCalls(new SimpleMeterRegistry());
    private final CountDownLatch release = new CountDownLatch(1);
    private CheckRunner runner;

    @AfterEach
    void stop() {
        release.countDown();
        if (runner != null) {
            runner.stop();
        }
    }

    private HealthCheck counting(String name, AtomicInteger runs, CheckOutcome outcome) {
        return new HealthCheck() {
            public String name() {
                return name;
            }

            public CheckOutcome run() {
                calls.record(name);
                runs.incrementAndGet();
                return outcome;
            }
        };
    }

    private HealthCheck hanging(String name, AtomicInteger runs) {
        return new HealthCheck() {
            public String name() {
                return name;
            }

            public CheckOutcome run() throws InterruptedException {
                runs.incrementAndGet();
                release.await();
                return CheckOutcome.up("late");
            }
        };
    }

    private CheckRunner runner(List<HealthCheck> checks, Duration timeout) {
        // A long interval: the test drives rounds itself through runRound().
        runner = new CheckRunner(checks, Duration.ofHours(1), timeout, Clock.systemUTC(), calls);
        runner.start();
        return runner;
    }

    @Test
    void isUnhealthyBeforeTheFirstRoundEnds() {
        CheckRunner r = new CheckRunner(List.of(), Duration.ofHours(1), Duration.ofSeconds(1), Clock.systemUTC(),
                calls);
        StampHealth health = new StampHealth("r1", r, null, Clock.systemUTC());
        StampVerdict v = health.verdict();
        assertThat(v.healthy()).isFalse();
    }

    @Test
    void servesEveryProbeFromTheCacheWithoutCallingADependency() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        CheckRunner r = runner(List.of(counting("db", runs, CheckOutcome.up("ok"))), Duration.ofSeconds(5));
        StampHealth health = new StampHealth("r1", r, null, Clock.systemUTC());
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> r.latest().isPresent());
        long callsBefore = calls.total();
        for (int i = 0; i < 10_000; i++) {
            assertThat(health.verdict().healthy()).isTrue();
        }
        assertThat(calls.total()).isEqualTo(callsBefore);
        assertThat(runs.get()).isEqualTo(1);
    }

    @Test
    void reportsACheckThatOutlivesTheTimeoutAsDownAndDoesNotStartItAgainWhileItHangs() {
        AtomicInteger slowRuns = new AtomicInteger();
        AtomicInteger fastRuns = new AtomicInteger();
        CheckRunner r = runner(List.of(hanging("slow", slowRuns), counting("fast", fastRuns, CheckOutcome.up("ok"))),
                Duration.ofMillis(300));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> r.latest().isPresent());
        Round first = r.latest().orElseThrow();
        assertThat(first.result("slow").status()).isEqualTo(CheckStatus.DOWN);
        assertThat(first.result("slow").detail()).contains("no answer within");
        assertThat(first.result("fast").up()).isTrue();
        r.runRound();
        Round second = r.latest().orElseThrow();
        assertThat(second.result("slow").detail()).isEqualTo("previous run still in progress");
        assertThat(slowRuns.get()).isEqualTo(1);
        assertThat(fastRuns.get()).isEqualTo(2);
        assertThat(second.allUp()).isFalse();
    }

    @Test
    void turnsAThrowingCheckIntoDownWithAOneLineDetail() {
        HealthCheck failing = new HealthCheck() {
            public String name() {
                return "broker";
            }

            public CheckOutcome run() {
                throw new IllegalStateException("broker\nunreachable");
            }
        };
        CheckRunner r = runner(List.of(failing), Duration.ofSeconds(5));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> r.latest().isPresent());
        CheckResult result = r.latest().orElseThrow().result("broker");
        assertThat(result.status()).isEqualTo(CheckStatus.DOWN);
        assertThat(result.detail()).isEqualTo("IllegalStateException: broker unreachable");
    }

    @Test
    void runsRoundsOnTheIntervalByItself() {
        AtomicInteger runs = new AtomicInteger();
        runner = new CheckRunner(List.of(counting("db", runs, CheckOutcome.up("ok"))), Duration.ofMillis(100),
                Duration.ofSeconds(1), Clock.systemUTC(), calls);
        runner.start();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> runs.get() >= 3);
        assertThat(calls.rounds()).isGreaterThanOrEqualTo(2);
    }
}
