package dev.citadel.edge.waf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WafConfigTest {

    @Test
    void emptySectionMeansEnabledPreventionThreshold5And64KiB() {
        WafConfig c = WafConfig.fromMap(Map.of());
        assertThat(c.enabled()).isTrue();
        assertThat(c.policy()).isEqualTo(new WafPolicy(WafMode.PREVENTION, 5, 65536, List.of()));
    }

    @Test
    void bindsEveryKeyIncludingScopedExclusions() {
        WafConfig c = WafConfig.fromMap(Map.of("enabled", true, "mode", "Detection", "inboundAnomalyThreshold", 10,
                "maxBodyBytes", 1024, "exclusions", List.of(Map.of("ruleId", "942110", "pathPrefix", "/api/", "argName", "q"),
                        Map.of("ruleId", 913100))));
        assertThat(c.policy().mode()).isEqualTo(WafMode.DETECTION);
        assertThat(c.policy().inboundAnomalyThreshold()).isEqualTo(10);
        assertThat(c.policy().maxBodyBytes()).isEqualTo(1024);
        assertThat(c.policy().exclusions()).containsExactly(new RuleExclusion("942110", "/api/", "q"),
                RuleExclusion.everywhere("913100"));
    }

    @Test
    void refusesUnknownKeysAndBadValuesNamingTheKey() {
        assertThatThrownBy(() -> WafConfig.fromMap(Map.of("treshold", 5))).hasMessageContaining("waf.treshold");
        assertThatThrownBy(() -> WafConfig.fromMap(Map.of("mode", "block"))).hasMessageContaining("waf.mode");
        assertThatThrownBy(() -> WafConfig.fromMap(Map.of("inboundAnomalyThreshold", 0))).hasMessageContaining("waf.inboundAnomalyThreshold");
        assertThatThrownBy(() -> WafConfig.fromMap(Map.of("maxBodyBytes", "big"))).hasMessageContaining("waf.maxBodyBytes");
        assertThatThrownBy(() -> WafConfig.fromMap(Map.of("exclusions", List.of(Map.of("path", "/x")))))
                .hasMessageContaining("waf.exclusions[0].path");
        assertThatThrownBy(() -> WafConfig.fromMap(Map.of("exclusions", List.of(Map.of("pathPrefix", "/x")))))
                .hasMessageContaining("waf.exclusions[0].ruleId");
    }
}
