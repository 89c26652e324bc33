package dev.citadel.waf.seclang;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ActionsTest {

  @Test
  void chainMatchesOnlyWhenEveryLinkMatchesAndSeesMatchedVars() {
    SecLangEngine e = Requests.engine("""
        SecRule ARGS "@rx evil" "id:1,phase:2,log,deny,status:403,chain"
            SecRule MATCHED_VARS_NAMES "@streq ARGS:q"
        """);
    assertThat(e.evaluate(Requests.get("/?q=evil")).interrupted()).isTrue();
    assertThat(e.evaluate(Requests.get("/?other=evil")).interrupted()).isFalse();
    assertThat(e.evaluate(Requests.get("/?q=fine")).matches()).isEmpty();
  }

  @Test
  void skipAfterJumpsBehindTheMarkerAndSkipCountsRules() {
    SecLangEngine e = Requests.engine("""
        SecRule ARGS:pl "@lt 2" "id:1,phase:1,nolog,pass,skipAfter:END"
        SecRule ARGS "@rx ." "id:2,phase:1,log,pass"
        SecMarker END
        SecRule ARGS "@rx ." "id:3,phase:1,log,pass"
        SecAction "id:4,phase:1,nolog,pass,skip:1"
        SecRule ARGS "@rx ." "id:5,phase:1,log,pass"
        SecRule ARGS "@rx ." "id:6,phase:1,log,pass"
        """);
    WafVerdict low = e.evaluate(Requests.get("/?pl=1"));
    assertThat(low.matches()).extracting(WafVerdict.Match::ruleId).containsExactly(3, 6);
    WafVerdict high = e.evaluate(Requests.get("/?pl=3"));
    assertThat(high.matches()).extracting(WafVerdict.Match::ruleId).containsExactly(2, 3, 6);
  }

  @Test
  void setvarArithmeticMacrosAndCapture() {
    SecLangEngine e = Requests.engine("""
        SecAction "id:1,phase:1,nolog,pass,setvar:tx.score=0,setvar:tx.inc=3"
        SecRule ARGS "@rx (a+)(b)" "id:2,phase:1,nolog,pass,capture,setvar:'tx.score=+%{tx.inc}',setvar:tx.last=%{tx.1}-%{matched_var_name}"
        SecRule TX:score "@eq 6" "id:3,phase:1,log,pass,msg:'score %{tx.score} last %{tx.last} host %{request_headers.host}'"
        SecAction "id:4,phase:1,nolog,pass,setvar:!tx.inc"
        SecRule &TX:inc "@eq 0" "id:5,phase:1,log,pass"
        """);
    WafVerdict v = e.evaluate(Requests.get("/?x=aab&y=ab"));
    assertThat(v.matched(3)).isTrue();
    assertThat(v.matches().get(0).message()).isEqualTo("score 6 last a-ARGS:y host example.test");
    assertThat(v.matched(5)).isTrue();
  }

  @Test
  void ctlRemovesRulesAndTargetsForThisRequestOnly() {
    SecLangEngine e = Requests.engine("""
        SecRule REQUEST_FILENAME "@streq /api" "id:1,phase:1,nolog,pass,ctl:ruleRemoveById=10,ctl:ruleRemoveTargetById=11;ARGS:json"
        SecRule ARGS "@rx bad" "id:10,phase:2,log,pass"
        SecRule ARGS "@rx bad" "id:11,phase:2,log,pass"
        """);
    WafVerdict api = e.evaluate(Requests.get("/api?json=bad"));
    assertThat(api.matches()).isEmpty();
    WafVerdict apiOther = e.evaluate(Requests.get("/api?other=bad"));
    assertThat(apiOther.matches()).extracting(WafVerdict.Match::ruleId).containsExactly(11);
    WafVerdict web = e.evaluate(Requests.get("/web?json=bad"));
    assertThat(web.matches()).extracting(WafVerdict.Match::ruleId).containsExactly(10, 11);
  }

  @Test
  void blockFollowsTheDefaultActionAndDetectionOnlyNeverInterrupts() {
    String rules = """
        SecDefaultAction "phase:2,log,deny,status:406"
        SecRule ARGS "@rx bad" "id:1,phase:2,block"
        """;
    WafVerdict v = Requests.engine(rules).evaluate(Requests.get("/?a=bad"));
    assertThat(v.interrupted()).isTrue();
    assertThat(v.status()).isEqualTo(406);
    assertThat(v.interruptingRuleId()).isEqualTo(1);
    SecLangEngine detect = SecLangEngine.builder().directives(rules, "t", java.nio.file.Path.of("."))
        .ruleEngine("DetectionOnly").build();
    WafVerdict d = detect.evaluate(Requests.get("/?a=bad"));
    assertThat(d.interrupted()).isFalse();
    assertThat(d.matched(1)).isTrue();
    WafVerdict ctlOff = Requests.engine("SecAction \"id:2,phase:1,nolog,pass,ctl:ruleEngine=Off\"\n" + rules)
        .evaluate(Requests.get("/?a=bad"));
    assertThat(ctlOff.matches()).isEmpty();
  }

  @Test
  void exclusionsAndCountingSelectors() {
    SecLangEngine e = Requests.engine("""
        SecRule ARGS|!ARGS:safe|!ARGS:/^tok_/ "@rx bad" "id:1,phase:2,log,pass"
        SecRule &ARGS "@ge 3" "id:2,phase:2,log,pass"
        SecRule &REQUEST_HEADERS:X-Missing "@eq 0" "id:3,phase:1,log,pass"
        """);
    WafVerdict v = e.evaluate(Requests.get("/?safe=bad&tok_1=bad&c=ok"));
    assertThat(v.matched(1)).isFalse();
    assertThat(v.matched(2)).isTrue();
    assertThat(v.matched(3)).isTrue();
  }
}
