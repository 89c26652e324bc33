package dev.citadel.health.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WindowTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void hasNoRateUntilTwoSamplesExist() {
        Window w = new Window(Duration.ofMinutes(1));
        w.add(T0, 5);
        assertThat(w.perMinute()).isNull();
        assertThat(w.increase()).isNull();
    }

    @Test
    void computesTheCounterRatePerMinuteOverTheWindowOnly() {
        Window w = new Window(Duration.ofMinutes(1));
        w.add(T0, 0);
        w.add(T0.plusSeconds(30), 100);   // 100 before the window below starts
        w.add(T0.plusSeconds(90), 110);   // window = [30 s, 90 s]
        w.add(T0.plusSeconds(100), 130);  // window start 40 s: keeps the 30 s sample as the base
        assertThat(w.increase()).isEqualTo(30.0);
        assertThat(w.perMinute()).isCloseTo(30.0 * 60 / 70, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void treatsACounterThatWentDownAsARestart() {
        Window w = new Window(Duration.ofMinutes(1));
        w.add(T0, 500);
        w.add(T0.plusSeconds(10), 4);
        assertThat(w.increase()).isEqualTo(4.0);
    }

    @Test
    void sustainedIsTheLowestOfTheLastSamplesInsideTheWindow() {
        Window w = new Window(Duration.ofSeconds(20));
        w.add(T0, 0);
        w.add(T0.plusSeconds(10), 12);
        assertThat(w.sustained(2)).isEqualTo(0.0);
        w.add(T0.plusSeconds(20), 15);
        assertThat(w.sustained(2)).isEqualTo(12.0);
        assertThat(w.sustained(3)).isEqualTo(0.0);
        w.add(T0.plusSeconds(31), 11);
        assertThat(w.sustained(1)).isEqualTo(11.0);
    }

    @Test
    void sustainedIgnoresSamplesOlderThanTheWindow() {
        Window w = new Window(Duration.ofSeconds(20));
        w.add(T0, 0);
        w.add(T0.plusSeconds(30), 9);

        assertThat(w.sustained(2)).isEqualTo(9.0);
    }
}
