package dev.citadel.edge.origin;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OriginHealthTest {
    private final OriginHealth health = new OriginHealth(3, 2, 3);

    @Test
    void isHealthyWhileAtLeastTwoOfTheLastThreeProbesPassed() {
        health.probeResult(true, "200", 1);
        health.probeResult(true, "200", 2);
        health.probeResult(false, "503", 3);
        assertThat(health.healthy()).isTrue();
        health.probeResult(false, "503", 4);
        assertThat(health.healthy()).isFalse();
        health.probeResult(true, "200", 5);
        assertThat(health.healthy()).isFalse();
        health.probeResult(true, "200", 6);
        assertThat(health.healthy()).isTrue();
    }

    @Test
    void staysHealthyAtStartUntilTheProbesSoFarRuleItOut() {
        health.probeResult(true, "200", 1);
        assertThat(health.healthy()).isTrue();
        health.probeResult(false, "503", 2);
        assertThat(health.healthy()).isTrue();
        health.probeResult(false, "503", 3);
        assertThat(health.healthy()).isFalse();
    }

    @Test
    void twoFailedFirstProbesTakeAFreshOriginOut() {
        health.probeResult(false, "refused", 1);
        assertThat(health.healthy()).isTrue();
        health.probeResult(false, "refused", 2);
        assertThat(health.healthy()).isFalse();
        health.probeResult(true, "200", 3);
        assertThat(health.healthy()).isFalse();
    }

    @Test
    void aRefusedConnectEjectsAtOnceAndReadmissionNeedsFreshProbeSuccesses() {
        health.probeResult(true, "200", 1);
        health.probeResult(true, "200", 2);
        health.connectFailed("refused");
        assertThat(health.healthy()).isFalse();
        assertThat(health.ejections()).isEqualTo(1);
        health.probeResult(true, "200", 3);
        assertThat(health.healthy()).isFalse();
        health.probeResult(true, "200", 4);
        assertThat(health.healthy()).isTrue();
    }

    @Test
    void ejectsAfterConsecutiveLiveFailuresOnly() {
        health.liveFailure("503");
        health.liveFailure("503");
        health.liveSuccess();
        health.liveFailure("503");
        health.liveFailure("timeout");
        assertThat(health.healthy()).isTrue();
        health.liveFailure("504");
        assertThat(health.healthy()).isFalse();
        assertThat(health.lastReason()).contains("3 consecutive");
    }
}
