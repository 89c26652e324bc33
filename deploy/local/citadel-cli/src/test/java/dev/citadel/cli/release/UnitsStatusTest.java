package dev.citadel.cli.release;

import static org.assertj.core.api.Assertions.assertThat;

import dev.citadel.cli.release.UnitsStatus.EdgeOrigin;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class UnitsStatusTest {

    private static List<EdgeOrigin> origins(ReleaseUnit unit, int weight, boolean healthy) {
        return unit.origins(ReleaseUnitTest.TOPOLOGY).stream().map(n -> new EdgeOrigin(n, weight, healthy)).toList();
    }

    @Test
    void duringAReleaseBothUnitsShowTheirVersionShareOfTheWeightAndHealth() {
        ServingUnit serving = ServingUnit.of(Optional.of(new ReleaseState("a", "v1", "b", "v2", 10, "at 10 %", 42)));
        List<EdgeOrigin> edge = new ArrayList<>(origins(ReleaseUnit.A, 900, true));
        edge.addAll(origins(ReleaseUnit.B, 100, true));
        edge.set(edge.size() - 1, new EdgeOrigin("static-region2-b", 100, false));

        String text = UnitsStatus.render(serving, ReleaseUnitTest.TOPOLOGY, edge, null);

        assertThat(text.lines().filter(l -> !l.isBlank()).toList()).satisfiesExactly(
                l -> assertThat(l).startsWith("UNIT").contains("VERSION", "EDGE WEIGHT", "HEALTH"),
                l -> assertThat(l).startsWith("a     serving").contains("v1", "90 %", "healthy (6 of 6 origins)"),
                l -> assertThat(l).startsWith("b     release").contains("v2", "10 %",
                        "UNHEALTHY (1 of 6 origins: static-region2-b)"),
                l -> assertThat(l).isEqualTo("release in progress (pid 42): unit b at 10 %"));
    }

    @Test
    void afterAReleaseOnlyTheServingUnitIsShown() {
        ServingUnit serving = ServingUnit.of(Optional.of(new ReleaseState("b", "v2", null, null, 0, "idle", -1)));

        String text = UnitsStatus.render(serving, ReleaseUnitTest.TOPOLOGY, origins(ReleaseUnit.B, 1000, true), null);

        assertThat(text).contains("b     serving  v2").contains("100 %", "healthy (6 of 6 origins)")
                .doesNotContain("a     ", "in progress");
    }

    @Test
    void anEdgeThatCannotBeAskedLeavesWeightAndHealthUnknownAndAMissingUnitIsSaidToBeMissing() {
        ServingUnit serving = ServingUnit.of(Optional.empty());

        assertThat(UnitsStatus.render(serving, ReleaseUnitTest.TOPOLOGY, List.of(), "edge down"))
                .contains("a     serving  as started by up", "unknown", "unknown (edge down)");
        assertThat(UnitsStatus.render(serving, ReleaseUnitTest.TOPOLOGY, origins(ReleaseUnit.B, 1000, true), null))
                .contains("not at the edge");
    }

    @Test
    void readsTheEdgesOperatorView() {
        var answer = JsonMapper.builder().build().readTree("""
                [{"name":"apis-region1-b","group":"apis","weight":1000,"healthy":true},
                 {"name":"apis-region1","group":"apis","weight":0,"healthy":false}]""");

        assertThat(UnitsStatus.parse(answer)).containsExactly(new EdgeOrigin("apis-region1", 0, false),
                new EdgeOrigin("apis-region1-b", 1000, true));
    }
}
