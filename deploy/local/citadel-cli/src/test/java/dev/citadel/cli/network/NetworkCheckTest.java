package dev.citadel.cli.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NetworkCheckTest {

    @Test
    void aConnectionTheHostRefusedWasLetThroughByTheNetwork() {
        assertThat(ProbeOutcome.classify(0, "")).isEqualTo(new ProbeOutcome(true, "connected"));
        assertThat(ProbeOutcome.classify(1, "bash: connect: Connection refused bash: /dev/tcp/x/1: Connection refused"))
                .isEqualTo(new ProbeOutcome(true, "refused by the host"));
    }

    @Test
    void rejectsDropsAndMissingRoutesAreBlocked() {
        assertThat(ProbeOutcome.classify(1, "bash: connect: No route to host")).isEqualTo(new ProbeOutcome(false, "rejected"));
        assertThat(ProbeOutcome.classify(124, "")).isEqualTo(new ProbeOutcome(false, "no answer"));
        assertThat(ProbeOutcome.classify(1, "bash: connect: Network is unreachable"))
                .isEqualTo(new ProbeOutcome(false, "no route"));
        assertThat(ProbeOutcome.classify(127, "bash: not found").reached()).isFalse();
    }

    @Test
    void probesEveryOtherZonesSocketsInParallelAndParsesOneLineEach() {
        Zone app = NetworkPlanTest.zone("region1-app");
        List<Destination> targets = NetworkCheck.targets(NetworkPlanTest.PLAN, app);
        assertThat(targets).isNotEmpty().noneMatch(d -> d.zone().equals(app));
        assertThat(targets.size() + NetworkPlanTest.PLAN.addresses(app).size() + 3)
                .as("every socket but the zone's own 7").isEqualTo(NetworkPlanTest.PLAN.destinations().size());
        String script = NetworkCheck.script(targets);
        assertThat(script).contains("p 0 198.18.1.80 443 &\n").endsWith("wait\n").contains("timeout 2 bash -c");
        Map<Integer, ProbeOutcome> parsed = NetworkCheck.parse("""
                1 1 bash: connect: No route to host bash: /dev/tcp/198.18.1.80/80: No route to host
                0 0\s
                garbage
                2 124\s
                """);
        assertThat(parsed).containsOnlyKeys(0, 1, 2);
        assertThat(parsed.get(0).reached()).isTrue();
        assertThat(parsed.get(1).detail()).isEqualTo("rejected");
        assertThat(parsed.get(2).detail()).isEqualTo("no answer");
    }

    @Test
    void theMatrixNamesEverySurpriseAndEndsWithTheCount() {
        NetworkPlan plan = NetworkPlanTest.PLAN;
        List<NetworkCheck.Result> results = new ArrayList<>();
        for (Zone z : plan.zones()) {
            for (Destination d : NetworkCheck.targets(plan, z)) {
                boolean designed = plan.designed(z, d);
                boolean leak = z.name().equals("region1-app") && d.label().equals("web server https");
                boolean broken = z.name().equals("internet") && d.label().equals("edge public");
                boolean reached = leak || (designed && !broken);
                results.add(new NetworkCheck.Result(z, d, designed, new ProbeOutcome(reached, reached ? "connected" : "rejected")));
            }
        }
        String matrix = NetworkMatrix.render(plan, results);
        assertThat(matrix).startsWith("DESTINATION").contains("REACHED!", "BLOCKED!")
                .contains("SURPRISE region1-app -> web server https (198.18.1.80:443): designed denied, connected")
                .contains("SURPRISE internet -> edge public (198.18.2.10:8444): designed allowed, rejected")
                .endsWith((results.size() - 2) + "/" + results.size() + " flows as designed\n");
        String edgeRow = matrix.lines().filter(l -> l.startsWith("edge edge public")).findFirst().orElseThrow();
        assertThat(edgeRow.split("\\s+")).containsSubsequence("BLOCKED!", ".", "-");
    }
}
