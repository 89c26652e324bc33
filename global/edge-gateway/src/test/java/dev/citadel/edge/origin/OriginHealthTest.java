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

    @Test
    void aDependencyDownVerdictEjectsAtOnceAndRanksWorstUntilFreshProbesPass() {
        health.probeResult(true, "200", 1);
        health.probeResult(true, "200", 2);
        health.probeResult(true, "200", 3);
        health.probeDependencyDown("HTTP 503 dependency-down", 4);
        assertThat(health.healthy()).isFalse();
        assertThat(health.badness()).isEqualTo(OriginHealth.DEPENDENCY_DOWN);
        assertThat(health.ejections()).isEqualTo(1);
        health.probeResult(true, "200", 5);
        assertThat(health.healthy()).isFalse();
        health.probeResult(true, "200", 6);
        assertThat(health.healthy()).isTrue();
        assertThat(health.badness()).isEqualTo(OriginHealth.HEALTHY);
    }

    @Test
    void aLiveDependencyUnavailableAnswerEjectsOnTheFirstOne() {
        health.dependencyDown("status 503 dependency-unavailable");
        assertThat(health.healthy()).isFalse();
        assertThat(health.badness()).isEqualTo(OriginHealth.DEPENDENCY_DOWN);
    }

    @Test
    void theLastServingOriginCountsFailuresButIsNotEjected() {
        for (int i = 0; i < 10; i++) {
            health.liveFailure("status 500", true);
        }
        assertThat(health.healthy()).isTrue();
        assertThat(health.ejections()).isZero();
        health.liveFailure("status 500", false);
        assertThat(health.healthy()).isFalse();
        assertThat(health.badness()).isEqualTo(OriginHealth.EJECTED);
    }

    @Test
    void failedProbesRankAsLessBadThanEjection() {
        health.probeResult(false, "HTTP 503", 1);
        health.probeResult(false, "HTTP 503", 2);
        assertThat(health.healthy()).isFalse();
        assertThat(health.badness()).isEqualTo(OriginHealth.PROBES_FAILED);
    }
}
