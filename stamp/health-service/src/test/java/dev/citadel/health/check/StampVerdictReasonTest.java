package dev.citadel.health.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The verdict the edge probes: the driver's push turns it red between rounds, and a 503 names its reason. */
class StampVerdictReasonTest {

    private final DependencyCalls calls = new DependencyCalls(new SimpleMeterRegistry());
    private CheckRunner runner;

    @AfterEach
    void stop() {
        if (runner != null) {
            runner.stop();
        }
    }

    private static HealthCheck check(String name, CheckOutcome outcome) {
        return new HealthCheck() {
            public String name() {
                return name;
            }

            public CheckOutcome run() {
                return outcome;
            }
        };
    }

    private CheckRunner ranOnce(HealthCheck... checks) {
        runner = new CheckRunner(List.of(checks), Duration.ofHours(1), Duration.ofSeconds(5), Clock.systemUTC(), calls);
        runner.start();
        // The first round is the one start() schedules at once: a second one run here beside it could find its checks
        // still in flight and record them as "previous run still in progress".
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> runner.latest().isPresent());
        return runner;
    }

    @Test
    void theDriversPushTurnsAnUpDatabaseDownAtOnceWithoutARound() {
        AtomicReference<String> pushed = new AtomicReference<>();
        CheckRunner r = ranOnce(check("database", CheckOutcome.up("ok")), check("message-broker", CheckOutcome.up("ok")));
        StampHealth health = new StampHealth("r1", r, null, Clock.systemUTC(), pushed::get);
        assertThat(health.verdict().healthy()).isTrue();
        assertThat(health.verdict().reason()).isNull();

        pushed.set("driver: no node of dc1 is up");
        StampVerdict down = health.verdict();
        assertThat(down.healthy()).isFalse();
        assertThat(down.reason()).isEqualTo("dependency-down");
        assertThat(down.checks()).anySatisfy(e -> {
            assertThat(e.name()).isEqualTo("database");
            assertThat(e.status()).isEqualTo("DOWN");
            assertThat(e.detail()).isEqualTo("driver: no node of dc1 is up");
        });

        pushed.set(null);
        assertThat(health.verdict().healthy()).as("up again is the rounds' word; here the round said up").isTrue();
    }

    @Test
    void aDownBrokerIsADependencyDownToo() {
        CheckRunner r = ranOnce(check("database", CheckOutcome.up("ok")),
                check("message-broker", CheckOutcome.down("TimeoutException")));
        assertThat(new StampHealth("r1", r, null, Clock.systemUTC()).verdict().reason()).isEqualTo("dependency-down");
    }

    @Test
    void aRedScoreOrAnOperatorsSwitchIsUnhealthyButNotADependencyDown() {
        CheckRunner r = ranOnce(check("database", CheckOutcome.up("ok")),
                check("health-score", CheckOutcome.down("catalog-api mean latency red")));
        assertThat(new StampHealth("r1", r, null, Clock.systemUTC()).verdict().reason()).isEqualTo("unhealthy");

        CheckRunner up = ranOnce(check("database", CheckOutcome.up("ok")));
        StampHealth out = new StampHealth("r1", up, check("state-switch", CheckOutcome.down("out of rotation")),
                Clock.systemUTC());
        assertThat(out.verdict().reason()).isEqualTo("unhealthy");
    }
}
