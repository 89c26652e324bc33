package dev.citadel.cli.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReleasePlanningTest {

    @Test
    void stepsParseAndRiseToAHundred() {
        assertThat(ReleaseSteps.parse("10, 50%,100").percents()).containsExactly(10, 50, 100);
        assertThat(ReleaseSteps.DEFAULT.percents()).containsExactly(10, 50, 100);
        assertThatThrownBy(() -> ReleaseSteps.parse("10,50")).hasMessageContaining("last step must be 100");
        assertThatThrownBy(() -> ReleaseSteps.parse("50,10,100")).hasMessageContaining("rise strictly");
        assertThatThrownBy(() -> ReleaseSteps.parse("0,100")).hasMessageContaining("rise strictly");
        assertThatThrownBy(() -> ReleaseSteps.parse("10,abc,100")).hasMessageContaining("'abc'");
    }

    @Test
    void weightsGiveTheNewUnitItsShareOfEveryGroup() {
        assertThat(ReleaseSteps.weights(10)).isEqualTo(new ReleaseSteps.Weights(90, 10));
        assertThat(ReleaseSteps.weights(100)).isEqualTo(new ReleaseSteps.Weights(0, 100));
        assertThat(ReleaseSteps.weights(0)).isEqualTo(new ReleaseSteps.Weights(100, 0));
    }

    static final String SCRAPE = """
            # HELP edge_requests_seconds
            # TYPE edge_requests_seconds summary
            edge_requests_seconds_count{origin="apis-region1",status="2xx"} 90
            edge_requests_seconds_sum{origin="apis-region1",status="2xx"} 1.8
            edge_requests_seconds_count{origin="apis-region1",status="5xx"} 10
            edge_requests_seconds_sum{origin="apis-region1",status="5xx"} 0.2
            edge_requests_seconds_count{origin="apis-region1-b",status="2xx"} 40
            edge_requests_seconds_sum{origin="apis-region1-b",status="2xx"} 0.4
            edge_upstream_failures_total{cause="connect",origin="apis-region1-b"} 2.0
            edge_upstream_failures_total{cause="overload-429",origin="apis-region1-b"} 7.0
            edge_cache_total{result="hit"} 5.0
            """;

    @Test
    void scrapeIsReadPerOriginWithErrorsAndFailuresBeforeAnAnswer() {
        Map<String, OriginStats> stats = OriginStats.parse(SCRAPE);
        assertThat(stats).containsOnlyKeys("apis-region1", "apis-region1-b");
        OriginStats old = stats.get("apis-region1");
        assertThat(old.requests()).isEqualTo(100);
        assertThat(old.errors()).isEqualTo(10);
        assertThat(old.errorRate()).isEqualTo(0.1);
        assertThat(old.meanLatencyMillis()).isEqualTo(20.0, org.assertj.core.data.Offset.offset(1e-9));
        OriginStats fresh = stats.get("apis-region1-b");
        assertThat(fresh.upstreamFailures()).isEqualTo(2);
        assertThat(fresh.errorRate()).isEqualTo(2.0 / 42);
    }

    @Test
    void aWindowIsTheDifferenceOfTwoScrapesSummedOverTheUnitsOrigins() {
        Map<String, OriginStats> before = Map.of("a", new OriginStats(10, 1, 1.0, 0),
                "b", new OriginStats(5, 0, 0.5, 0));
        Map<String, OriginStats> after = Map.of("a", new OriginStats(30, 1, 2.0, 1),
                "b", new OriginStats(15, 2, 1.0, 0), "c", new OriginStats(100, 100, 9, 9));
        assertThat(OriginStats.window(before, after, List.of("a", "b")))
                .isEqualTo(new OriginStats(30, 2, 1.5, 1));
        // An origin first seen in the later scrape counts from zero.
        assertThat(OriginStats.window(before, after, List.of("c"))).isEqualTo(new OriginStats(100, 100, 9, 9));
    }

    private static final Map<String, String> GREEN = Map.of("region1", "green", "region2", "green");

    @Test
    void gatePassesAHealthyUnitNoWorseThanTheOldOne() {
        Gate.Verdict v = Gate.DEFAULT.judge(GREEN, new OriginStats(100, 0, 2.0, 0), new OriginStats(900, 1, 18, 0));
        assertThat(v.passed()).isTrue();
        assertThat(v.summary()).isEqualTo("PASS");
    }

    @Test
    void gateFailsOnHealthErrorsOrLatencyAndSaysWhy() {
        OriginStats old = new OriginStats(900, 0, 18, 0);
        Gate.Verdict red = Gate.DEFAULT.judge(Map.of("region1", "green", "region2", "HTTP 503 dependency-down"),
                new OriginStats(100, 0, 2.0, 0), old);
        assertThat(red.passed()).isFalse();
        assertThat(red.summary()).contains("region2 is not green: HTTP 503 dependency-down");

        Gate.Verdict errors = Gate.DEFAULT.judge(GREEN, new OriginStats(100, 5, 2.0, 0), old);
        assertThat(errors.passed()).isFalse();
        assertThat(errors.summary()).contains("error rate 5.00 % (5 of 100)");

        Gate.Verdict slow = Gate.DEFAULT.judge(GREEN, new OriginStats(100, 0, 30.0, 0), old);
        assertThat(slow.passed()).isFalse();
        assertThat(slow.summary()).contains("mean latency 300.0 ms above 140.0 ms");

        assertThat(Gate.DEFAULT.judge(Map.of(), new OriginStats(100, 0, 2, 0), old).summary())
                .contains("no health model");
    }

    @Test
    void gateDoesNotCompareATrickleButStillFailsItsErrors() {
        Gate.Verdict quiet = Gate.DEFAULT.judge(GREEN, new OriginStats(3, 0, 0.01, 0), OriginStats.NONE);
        assertThat(quiet.passed()).isTrue();
        assertThat(quiet.summary()).contains("only 3 attempts on the new unit");
        Gate.Verdict broken = Gate.DEFAULT.judge(GREEN, new OriginStats(3, 1, 0.01, 1), OriginStats.NONE);
        assertThat(broken.passed()).isFalse();
        assertThat(broken.summary()).contains("2 failed attempts of 4");
    }

    @Test
    void schemaChangesThatOnlyExpandPassAndContractionsAreRefused() {
        assertThat(SchemaCompatibility.breakingStatements(List.of(
                "CREATE TABLE IF NOT EXISTS {ks}.x (id uuid PRIMARY KEY)",
                "ALTER TABLE {ks}.items ADD colour text",
                "ALTER TABLE {ks}.items WITH gc_grace_seconds = 10800",
                "CREATE INDEX IF NOT EXISTS ON {ks}.items (name)"))).isEmpty();
        assertThat(SchemaCompatibility.breakingStatements(List.of(
                "DROP TABLE {ks}.items",
                "alter table {ks}.items drop description",
                "ALTER TABLE {ks}.items RENAME id TO item_id",
                "ALTER TABLE {ks}.items ALTER price TYPE text",
                "TRUNCATE {ks}.comments_by_item"))).hasSize(5)
                .allSatisfy(s -> assertThat(s).startsWith("not backward compatible"));
    }

    @Test
    void aStepWhereTheNewUnitTookFarMoreThanItsWeightSaysTheOldUnitWasNotServing() {
        // The measured 10 % step whose old unit had been taken out of rotation by its health model: 88 of 108.
        Gate.Verdict skewed = Gate.DEFAULT.judge(10, GREEN, new OriginStats(88, 0, 2.4, 0),
                new OriginStats(20, 0, 0.5, 0));
        assertThat(skewed.passed()).isTrue();
        assertThat(skewed.summary()).contains("the new unit took 81 % of 108 attempts at weight 10 %: the old "
                + "unit's origins were not serving at the edge");
        // What weighted selection gives: no note, and none at 100 % or on a trickle.
        assertThat(Gate.DEFAULT.judge(10, GREEN, new OriginStats(14, 0, 0.3, 0), new OriginStats(96, 0, 2, 0))
                .notes()).noneMatch(n -> n.contains("not serving"));
        assertThat(Gate.DEFAULT.judge(50, GREEN, new OriginStats(70, 0, 1.4, 0), new OriginStats(40, 0, 0.8, 0))
                .notes()).isEmpty();
        assertThat(Gate.DEFAULT.judge(100, GREEN, new OriginStats(110, 0, 2, 0), OriginStats.NONE).notes())
                .noneMatch(n -> n.contains("not serving"));
        assertThat(Gate.DEFAULT.judge(10, GREEN, new OriginStats(8, 0, 0.1, 0), new OriginStats(2, 0, 0, 0))
                .notes()).noneMatch(n -> n.contains("not serving"));
    }
}
