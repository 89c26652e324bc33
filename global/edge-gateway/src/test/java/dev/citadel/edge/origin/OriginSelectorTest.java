package dev.citadel.edge.origin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.citadel.edge.config.EdgeConfigLoader;
import dev.citadel.edge.config.EdgeProperties;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OriginSelectorTest {
    static EdgeProperties props(String origins) {
        return EdgeConfigLoader.parse("edgeId: e\ntls: {certificate: /c, privateKey: /k, clientCertificate: /cc,"
                + " clientPrivateKey: /ck, originCa: /o, operatorCa: /p}\noriginGroups:\n  - name: g\n    origins:\n"
                + origins + "routes:\n  - {pattern: /*, originGroup: g}\n");
    }

    private final OriginRegistry registry = new OriginRegistry(props(
            "      - {name: light, host: h, weight: 10, priority: 1}\n"
                    + "      - {name: heavy, host: h, weight: 90, priority: 1}\n"
                    + "      - {name: backup, host: h, weight: 50, priority: 2}\n"));
    private final OriginSelector selector = new OriginSelector(registry);
    private final Random random = new Random(42);

    private Map<String, Integer> draw(int n) {
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < n; i++) {
            counts.merge(selector.select("g", Set.of(), random).origin().name(), 1, Integer::sum);
        }
        return counts;
    }

    @Test
    void splitsByWeightWithinTheLowestPriority() {
        Map<String, Integer> counts = draw(20_000);
        assertThat(counts).doesNotContainKey("backup");
        assertThat(counts.get("light")).isBetween(1800, 2200);
    }

    @Test
    void fallsToTheNextPriorityWhenTheFirstIsUnhealthyDisabledOrWeightless() {
        registry.health("light").connectFailed("refused");
        registry.setEnabled("heavy", false);
        assertThat(draw(100)).containsOnlyKeys("backup");
        registry.setEnabled("heavy", true);
        registry.setWeight("heavy", 0);
        assertThat(draw(100)).containsOnlyKeys("backup");
    }

    /** A release at its 10 % step: each region's old unit at 90, its new unit at 10. */
    private final OriginRegistry releasing = new OriginRegistry(props(
            "      - {name: r1-a, host: h, weight: 90, priority: 1}\n"
                    + "      - {name: r2-a, host: h, weight: 90, priority: 1}\n"
                    + "      - {name: r1-b, host: h, weight: 10, priority: 1}\n"
                    + "      - {name: r2-b, host: h, weight: 10, priority: 1}\n"));

    private Map<String, Integer> retries(OriginSelector retrying, Set<String> tried, int n) {
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < n; i++) {
            counts.merge(retrying.selectRetry("g", tried, random).origin().name(), 1, Integer::sum);
        }
        return counts;
    }

    @Test
    void aRetryGoesToTheHeaviestUntriedOriginsNeverToAnotherLightOne() {
        OriginSelector retrying = new OriginSelector(releasing);
        assertThat(retries(retrying, Set.of("r1-b"), 2000)).as("after the new unit of region1 failed")
                .containsOnlyKeys("r1-a", "r2-a");
        assertThat(retries(retrying, Set.of("r1-a"), 200)).as("after the old unit of region1 failed")
                .containsOnlyKeys("r2-a");
        assertThat(retries(new OriginSelector(registry), Set.of("heavy"), 200)).as("equal footing: any other one")
                .containsOnlyKeys("light");
    }

    @Test
    void aRetryStillPrefersHealthOverWeight() {
        OriginSelector retrying = new OriginSelector(releasing);
        releasing.health("r1-a").connectFailed("refused");
        releasing.health("r2-a").connectFailed("refused");
        assertThat(retries(retrying, Set.of("r1-b"), 200)).containsOnlyKeys("r2-b");
        assertThat(retrying.selectRetry("g", Set.of("r1-b", "r2-b"), random)).as("panic: the least bad")
                .isNotNull();
    }

    @Test
    void neverPicksAnExcludedOriginAndReturnsNullWhenNoneIsLeft() {
        assertThat(selector.select("g", Set.of("light", "heavy"), random).origin().name()).isEqualTo("backup");
        assertThat(selector.select("g", Set.of("light", "heavy", "backup"), random)).isNull();
    }

    @Test
    void failsOpenToEnabledOriginsWhenNoneIsHealthy() {
        registry.health("light").connectFailed("x");
        registry.health("heavy").connectFailed("x");
        registry.health("backup").connectFailed("x");
        assertThat(draw(200).keySet()).containsOnly("light", "heavy");
    }

    @Test
    void aNamedStampGetsItsOwnEnabledOriginEvenWhenUnhealthyAndNoOtherStamps() {
        OriginRegistry stamps = new OriginRegistry(props(
                "      - {name: api-r1, host: h, stamp: region1}\n"
                        + "      - {name: api-r2, host: h, stamp: region2}\n"
                        + "      - {name: api-r3, host: h, stamp: region3, enabled: false}\n"));
        OriginSelector bySelector = new OriginSelector(stamps);
        stamps.health("api-r1").connectFailed("refused");
        assertThat(bySelector.selectStamp("g", "region1").origin().name()).isEqualTo("api-r1");
        assertThat(bySelector.selectStamp("g", "region2").origin().name()).isEqualTo("api-r2");
        assertThat(bySelector.selectStamp("g", "region3")).as("disabled by an operator").isNull();
        assertThat(bySelector.selectStamp("g", "elsewhere")).isNull();
    }

    /** The panic threshold: with every origin unhealthy the least bad ones take the traffic, never the worst. */
    @Test
    void withNoHealthyOriginTheLeastBadServesNotTheOneWhoseDependenciesAreDown() {
        OriginRegistry stamps = new OriginRegistry(props(
                "      - {name: api-r1, host: h, stamp: region1}\n"
                        + "      - {name: api-r2, host: h, stamp: region2}\n"));
        OriginSelector panic = new OriginSelector(stamps);
        stamps.health("api-r1").dependencyDown("503 dependency-unavailable");
        stamps.health("api-r2").liveFailure("500", false);
        stamps.health("api-r2").liveFailure("500", false);
        stamps.health("api-r2").liveFailure("500", false);
        assertThat(stamps.health("api-r2").healthy()).isFalse();
        for (int i = 0; i < 200; i++) {
            assertThat(panic.select("g", Set.of(), random).origin().name()).isEqualTo("api-r2");
        }
        // A retry still goes elsewhere, whatever the ranking.
        assertThat(panic.select("g", Set.of("api-r2"), random).origin().name()).isEqualTo("api-r1");
    }

    @Test
    void aStampThatOnlyFailedItsProbesIsPreferredToOneEjectedOnFailures() {
        OriginRegistry stamps = new OriginRegistry(props(
                "      - {name: busy, host: h, stamp: region1}\n"
                        + "      - {name: failing, host: h, stamp: region2}\n"));
        OriginSelector panic = new OriginSelector(stamps);
        stamps.health("busy").probeResult(false, "HTTP 503", 1);
        stamps.health("busy").probeResult(false, "HTTP 503", 2);
        stamps.health("failing").connectFailed("reset");
        assertThat(stamps.health("busy").healthy()).isFalse();
        for (int i = 0; i < 100; i++) {
            assertThat(panic.select("g", Set.of(), random).origin().name()).isEqualTo("busy");
        }
    }

    @Test
    void anOriginIsTheLastServingOneWhenNoOtherEnabledOriginOfItsGroupIsHealthy() {
        assertThat(selector.lastServing("g", "light")).isFalse();
        registry.health("heavy").connectFailed("refused");
        assertThat(selector.lastServing("g", "light")).isFalse(); // backup is healthy
        registry.setEnabled("backup", false);
        assertThat(selector.lastServing("g", "light")).isTrue();
        assertThat(selector.lastServing("g", "heavy")).isFalse();
    }
}
