package dev.citadel.cli.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NftRulesetTest {

    private final String nft = NftRuleset.render(NetworkPlanTest.PLAN);
    private final List<String> forward = nft.lines().dropWhile(l -> !l.contains("chain forward"))
            .takeWhile(l -> !l.equals("  }")).map(String::strip).toList();

    @Test
    void deniesByDefaultAndRejectsWhatNoFlowAllows() {
        assertThat(forward.get(1)).isEqualTo("type filter hook forward priority filter; policy drop;");
        assertThat(forward.get(2)).isEqualTo("ct state established,related accept");
        assertThat(forward.get(forward.size() - 1)).isEqualTo("reject with icmp type admin-prohibited");
        assertThat(nft).contains("chain input {\n    type filter hook input priority filter; policy drop;");
    }

    @Test
    void hasOneAcceptPerDesignedFlowAndNothingElse() {
        List<String> accepts = forward.stream().filter(l -> l.contains(" accept comment ")).toList();
        assertThat(accepts).hasSize(NetworkPlanTest.PLAN.flows().size());
        assertThat(forward).hasSize(3 + accepts.size() + 1);
        assertThat(accepts).contains(
                "ip saddr 198.18.1.0/24 ip daddr 198.18.2.10 tcp dport 8444 accept comment "
                        + "\"internet -> edge: clients reach only the edge's public port\"",
                "ip saddr 198.18.12.0/24 ip daddr 198.18.1.0/24 meta l4proto tcp accept comment "
                        + "\"region1-egress -> internet: the firewall's allow-list decides what leaves\"",
                "ip saddr 198.18.11.0/24 ip daddr 198.18.21.10 tcp dport 7000 accept comment "
                        + "\"region1-data -> region2-data: replication between data centres\"");
        // nft limits a comment to 128 bytes.
        assertThat(accepts).allSatisfy(l -> assertThat(l.substring(l.indexOf('"'))).hasSizeLessThan(128));
    }

    @Test
    void replacesAnEarlierTableAtomically() {
        assertThat(nft).startsWith("table ip citadel {}\ndelete table ip citadel\ntable ip citadel {\n");
    }
}
