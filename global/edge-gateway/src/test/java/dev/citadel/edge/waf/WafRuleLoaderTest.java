package dev.citadel.edge.waf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class WafRuleLoaderTest {

    private static List<WafRule> load(String yaml) {
        return WafRuleLoader.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void loadsTheBundledRulesCoveringEveryCategory() {
        List<WafRule> rules = WafRuleLoader.loadDefault();
        Set<String> categories = rules.stream().map(WafRule::category).collect(Collectors.toSet());
        assertThat(categories).contains("protocol", "sqli", "xss", "lfi", "rfi", "cmdi", "scanner");
        assertThat(rules).hasSizeGreaterThan(40);
    }

    @Test
    void parsesTargetsTransformsOperatorAndNegation() {
        WafRule rule = load("""
                rules:
                  - id: "1"
                    category: protocol
                    msg: m
                    severity: warning
                    targets: [method, 'headers:User-Agent']
                    transforms: [lowercase, url_decode]
                    equals: [GET]
                    negate: true
                """).get(0);
        assertThat(rule.severity().score()).isEqualTo(3);
        assertThat(rule.targets()).containsExactly(new Target(Target.Kind.METHOD, null),
                new Target(Target.Kind.HEADERS, "user-agent"));
        assertThat(rule.transformations()).containsExactly(Transformation.LOWERCASE, Transformation.URL_DECODE);
        assertThat(rule.negate()).isTrue();
    }

    @Test
    void refusesDuplicateIds() {
        String one = "  - {id: \"7\", category: c, msg: m, severity: notice, targets: [path], regex: a}\n";
        assertThatThrownBy(() -> load("rules:\n" + one + one)).hasMessageContaining("WAF rule 7").hasMessageContaining("duplicate");
    }

    @Test
    void refusesARegexThatDoesNotCompileNamingRuleAndKey() {
        assertThatThrownBy(() -> load("rules:\n  - {id: \"9\", category: c, msg: m, severity: notice, targets: [path], regex: '(a'}\n"))
                .hasMessageContaining("WAF rule 9").hasMessageContaining("'regex'");
    }

    @Test
    void refusesRulesWithoutExactlyOneOperator() {
        assertThatThrownBy(() -> load("rules:\n  - {id: \"5\", category: c, msg: m, severity: notice, targets: [path]}\n"))
                .hasMessageContaining("WAF rule 5").hasMessageContaining("exactly one operator");
        assertThatThrownBy(() -> load("rules:\n  - {id: \"5\", category: c, msg: m, severity: notice, targets: [path], regex: a, phrases: [b]}\n"))
                .hasMessageContaining("exactly one operator");
    }

    @Test
    void refusesUnknownTargetsTransformsAndSeverities() {
        assertThatThrownBy(() -> load("rules:\n  - {id: \"3\", category: c, msg: m, severity: notice, targets: [query], regex: a}\n"))
                .hasMessageContaining("WAF rule 3");
        assertThatThrownBy(() -> load("rules:\n  - {id: \"3\", category: c, msg: m, severity: notice, targets: [path], transforms: [rot13], regex: a}\n"))
                .hasMessageContaining("rot13");
        assertThatThrownBy(() -> load("rules:\n  - {id: \"3\", category: c, msg: m, severity: fatal, targets: [path], regex: a}\n"))
                .hasMessageContaining("WAF rule 3");
    }

    @Test
    void refusesAFileWithoutRules() {
        assertThatThrownBy(() -> load("other: 1\n")).hasMessageContaining("'rules'");
    }
}
