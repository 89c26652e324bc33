package dev.citadel.cli.release;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReleaseRunTest {

    /**
     * A simulated edge: each soak adds {@code perWindow} responses, split by the current weights; the new unit
     * answers 5xx from {@code newUnitFailsFrom} percent on.
     */
    static final class World implements ReleaseRun.Actions {
        final List<String> log = new ArrayList<>();
        List<String> smoke = List.of();
        int newUnitFailsFrom = 1000;
        int rollbackAfterSoaks = -1;
        int percent;
        int soaks;
        String drainReport = "kafka-region1 drained (lag 0) in 0.4 s";
        final Map<String, OriginStats> counters = new HashMap<>();

        @Override
        public List<String> smokeTest() {
            log.add("smoke");
            return smoke;
        }

        @Override
        public void setWeights(int percentToNewUnit) {
            percent = percentToNewUnit;
            log.add("weights " + (100 - percentToNewUnit) + "/" + percentToNewUnit);
        }

        @Override
        public Map<String, OriginStats> scrape() {
            return Map.copyOf(counters);
        }

        @Override
        public void soak(Duration window) {
            soaks++;
            int toNew = percent * 10;
            int toOld = 1000 - toNew;
            counters.merge("apis-region1", new OriginStats(toOld, 0, toOld * 0.01, 0), OriginStats::plus);
            long errors = percent >= newUnitFailsFrom ? toNew : 0;
            counters.merge("apis-region1-b", new OriginStats(toNew, errors, toNew * 0.01, 0), OriginStats::plus);
        }

        @Override
        public Map<String, String> newUnitHealth() {
            return Map.of("region1", "green");
        }

        @Override
        public boolean rollbackRequested() {
            return rollbackAfterSoaks >= 0 && soaks >= rollbackAfterSoaks;
        }

        @Override
        public String destroyNewUnit() {
            log.add("destroy new");
            return drainReport;
        }

        @Override
        public String drainAndDestroyOldUnit() {
            log.add("drain old");
            return drainReport;
        }
    }

    private static ReleaseRun.Result run(World world) throws InterruptedException {
        long[] clock = {0};
        List<String> printed = new ArrayList<>();
        ReleaseRun.Result result = new ReleaseRun(world, ReleaseSteps.DEFAULT, Gate.DEFAULT, Duration.ofSeconds(5),
                List.of("apis-region1"), List.of("apis-region1-b"), () -> clock[0] += 1_000_000_000L,
                row -> printed.add(Timeline.line(row))).run();
        assertThat(printed).hasSameSizeAs(result.timeline().rows());
        return result;
    }

    @Test
    void aHealthyReleaseStepsUpThenDrainsTheOldUnit() throws InterruptedException {
        World world = new World();
        ReleaseRun.Result result = run(world);
        assertThat(result.outcome()).isEqualTo(ReleaseRun.Outcome.RELEASED);
        assertThat(world.log).containsExactly("smoke", "weights 90/10", "weights 50/50", "weights 0/100", "drain old");
        assertThat(result.timeline().rows()).extracting(Timeline.Row::step)
                .containsExactly("smoke", "10%", "50%", "100%", "drain old");
        Timeline.Row tenPercent = result.timeline().rows().get(1);
        assertThat(tenPercent.newUnit().requests()).isEqualTo(100);
        assertThat(tenPercent.oldUnit().requests()).isEqualTo(900);
        assertThat(result.timeline().render()).contains("STEP").contains("90/10").contains("total");
        assertThat(result.timeline().rows().get(4).verdict())
                .isEqualTo("old unit drained and stopped; kafka-region1 drained (lag 0) in 0.4 s");
    }

    @Test
    void aReleaseFailingItsSmokeTestNeverGetsTraffic() throws InterruptedException {
        World world = new World();
        world.smoke = List.of("region1: GET /api/items answered 500");
        ReleaseRun.Result result = run(world);
        assertThat(result.outcome()).isEqualTo(ReleaseRun.Outcome.ROLLED_BACK);
        assertThat(result.reason()).contains("smoke test failed: region1: GET /api/items answered 500");
        assertThat(world.log).containsExactly("smoke", "weights 100/0", "destroy new");
    }

    @Test
    void aReleaseAnswering5xxAtTenPercentIsRolledBackAfterTheFirstStep() throws InterruptedException {
        World world = new World();
        world.newUnitFailsFrom = 10;
        ReleaseRun.Result result = run(world);
        assertThat(result.outcome()).isEqualTo(ReleaseRun.Outcome.ROLLED_BACK);
        assertThat(result.reason()).startsWith("gate at 10 % failed: error rate 100.00 %");
        assertThat(world.log).containsExactly("smoke", "weights 90/10", "weights 100/0", "destroy new");
        // The new unit's broker held what its catalog-api accepted at 10 %: the rollback says whether it was drained.
        assertThat(result.timeline().rows().get(2).verdict()).endsWith("; kafka-region1 drained (lag 0) in 0.4 s");
    }

    @Test
    void anOperatorRollbackStopsAtTheNextDecision() throws InterruptedException {
        World world = new World();
        world.rollbackAfterSoaks = 2;
        ReleaseRun.Result result = run(world);
        assertThat(result.outcome()).isEqualTo(ReleaseRun.Outcome.ROLLED_BACK);
        assertThat(result.reason()).isEqualTo("rollback requested by the operator");
        assertThat(world.log).containsExactly("smoke", "weights 90/10", "weights 50/50", "weights 100/0",
                "destroy new");
    }
}
