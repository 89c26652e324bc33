package dev.citadel.cli.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.citadel.cli.chaos.RequestOutcome.Operation;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimelineTest {

    @Test
    void countsEachRequestInTheSecondItEndedSplitByAnsweringRegion() {
        long start = 100_000;
        List<RequestOutcome> run = List.of(
                new RequestOutcome(start, start + 100, Operation.GET_ITEM, 200, "", "region1", ""),
                new RequestOutcome(start, start + 900, Operation.GET_ITEM, 200, "", "region2", ""),
                new RequestOutcome(start, start + 2_100, Operation.RATE, 503, "", "region1", ""),
                new RequestOutcome(start, start + 2_200, Operation.RATE, 202, "", "region2", "/x"));

        Timeline t = Timeline.of(run, start);

        assertThat(t.seconds()).hasSize(3);
        assertThat(t.seconds().get(0).succeededByRegion()).containsEntry("region1", 1).containsEntry("region2", 1);
        assertThat(t.seconds().get(1).succeeded()).isZero();
        assertThat(t.seconds().get(2).failed()).isEqualTo(1);
        assertThat(t.seconds().get(2).succeededByRegion()).containsOnlyKeys("region2");
    }
}
