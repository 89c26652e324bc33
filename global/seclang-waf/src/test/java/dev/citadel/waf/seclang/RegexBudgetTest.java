package dev.citadel.waf.seclang;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** java.util.regex has no match limit: the engine bounds regex work per request and fails closed past it. */
class RegexBudgetTest {

  private static final String RULES = """
      SecRule ARGS "@rx ^(a|aa)+$" "id:1,phase:2,log,pass"
      SecRule ARGS "@rx (?:x|y)*z" "id:2,phase:2,log,pass"
      """;

  @Test
  void regexWorkBeyondTheBudgetStopsInspectionAndInterrupts() {
    SecLangEngine e = SecLangEngine.builder().directives(RULES, "t", Path.of(".")).regexBudget(10_000).build();
    WafVerdict v = e.evaluate(Requests.get("/?q=" + "a".repeat(20_000) + "b"));
    assertThat(v.incomplete()).isTrue();
    assertThat(v.interrupted()).isTrue();
    assertThat(v.interruptingRuleId()).isEqualTo(-1);
  }

  @Test
  void deepRecursionIsCaughtAsIncompleteInspection() {
    SecLangEngine e = SecLangEngine.builder().directives(RULES, "t", Path.of(".")).build();
    WafVerdict v = e.evaluate(Requests.post("/", "application/x-www-form-urlencoded", "q=" + "xy".repeat(100_000)));
    assertThat(v.incomplete()).isTrue();
    assertThat(v.interrupted()).isTrue();
  }

  @Test
  void detectionOnlyReportsButDoesNotInterrupt() {
    SecLangEngine e = SecLangEngine.builder().directives(RULES, "t", Path.of(".")).regexBudget(1_000)
        .ruleEngine("DetectionOnly").build();
    WafVerdict v = e.evaluate(Requests.get("/?q=" + "a".repeat(5_000)));
    assertThat(v.incomplete()).isTrue();
    assertThat(v.interrupted()).isFalse();
  }

  @Test
  void ordinaryRequestsStayFarBelowTheBudget() {
    SecLangEngine e = SecLangEngine.builder().directives(RULES, "t", Path.of(".")).build();
    assertThat(e.evaluate(Requests.get("/?q=aaaa&r=xyz")).incomplete()).isFalse();
  }
}
