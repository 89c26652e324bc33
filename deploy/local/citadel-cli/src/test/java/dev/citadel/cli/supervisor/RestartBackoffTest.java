package dev.citadel.cli.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RestartBackoffTest {

    @Test
    void quickCrashesDoubleTheDelayUpTo30Seconds() {
        RestartBackoff backoff = new RestartBackoff();
        List<Long> delays = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            delays.add(backoff.afterCrash(Duration.ofSeconds(2)).toSeconds());
        }

        assertThat(delays).containsExactly(1L, 2L, 4L, 8L, 16L, 30L, 30L, 30L);
    }

    @Test
    void aCrashAfterRunningForOverAMinuteStartsAgainAtOneSecond() {
        RestartBackoff backoff = new RestartBackoff();
        backoff.afterCrash(Duration.ZERO);
        backoff.afterCrash(Duration.ZERO);

        assertThat(backoff.afterCrash(Duration.ofSeconds(61))).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.afterCrash(Duration.ZERO)).isEqualTo(Duration.ofSeconds(2));
    }
}
