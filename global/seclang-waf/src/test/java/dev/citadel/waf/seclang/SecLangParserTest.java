package dev.citadel.waf.seclang;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SecLangParserTest {

  @Test
  void joinsContinuationLinesAndDropsComments() {
    List<SecLangParser.Directive> d = SecLangParser.directives("""
        # a comment
        SecRule ARGS "@rx a b" \\
            "id:1,\\
            phase:2,\\
            pass"

        SecMarker END
        """, "t.conf");
    assertThat(d).hasSize(2);
    assertThat(d.get(0).name()).isEqualTo("SecRule");
    assertThat(d.get(0).args()).containsExactly("ARGS", "@rx a b", "id:1,    phase:2,    pass");
    assertThat(d.get(0).line()).isEqualTo(2);
    assertThat(d.get(1).args()).containsExactly("END");
  }

  @Test
  void unescapesQuotesAndBackslashesInsideDoubleQuotesAsApacheDoes() {
    List<String> w = SecLangParser.words("SecRule ARGS \"@rx a\\\"b\\\\\\\\c\\d\" \"id:1\"", "t", 1);
    assertThat(w).containsExactly("SecRule", "ARGS", "@rx a\"b\\\\c\\d", "id:1");
  }

  @Test
  void unterminatedQuoteIsAnErrorNamingTheLine() {
    assertThatThrownBy(() -> SecLangParser.directives("SecRule ARGS \"@rx a", "f.conf"))
        .isInstanceOf(SecLangException.class).hasMessageContaining("f.conf:1");
  }

  @Test
  void actionListKeepsCommasInsideSingleQuotes() {
    List<String[]> a = SecLangParser.actionList("id:5,msg:'a, b',setvar:'tx.x=+%{tx.y}',t:none,chain");
    assertThat(a).extracting(x -> x[0]).containsExactly("id", "msg", "setvar", "t", "chain");
    assertThat(a.get(1)[1]).isEqualTo("a, b");
    assertThat(a.get(2)[1]).isEqualTo("tx.x=+%{tx.y}");
    assertThat(a.get(4)[1]).isNull();
  }

  @Test
  void targetsWithSelectorsRegexesExclusionsAndCounts() {
    List<Target> t = SecLangParser.targets("ARGS|!ARGS:foo|&TX:x|REQUEST_COOKIES:/^a|b$/|XML:/*|XML://@*");
    assertThat(t).hasSize(6);
    assertThat(t.get(1).exclude()).isTrue();
    assertThat(t.get(1).key()).isEqualTo("foo");
    assertThat(t.get(2).count()).isTrue();
    assertThat(t.get(3).keyPattern().pattern()).isEqualTo("^a|b$");
    assertThat(t.get(3).selects("B")).isTrue();
    assertThat(t.get(4).key()).isEqualTo("/*");
    assertThat(t.get(5).key()).isEqualTo("//@*");
  }

  @Test
  void setvarForms() {
    assertThat(SecLangParser.setvar("tx.a=+5")).isEqualTo(new Actions.SetVar(false, "TX", "a", '+', "5"));
    assertThat(SecLangParser.setvar("!tx.a")).isEqualTo(new Actions.SetVar(true, "TX", "a", '=', "1"));
    assertThat(SecLangParser.setvar("ip.reput_block_flag=1").collection()).isEqualTo("IP");
  }

  @Test
  void pcreOnlySyntaxIsTranslated() {
    assertThat(RegexTranslator.toJava("[[]")).isEqualTo("[\\[]");
    assertThat(RegexTranslator.toJava("[]a]")).isEqualTo("[\\]a]");
    assertThat(RegexTranslator.toJava("a{b")).isEqualTo("a\\{b");
    assertThat(RegexTranslator.toJava("a{2,3}")).isEqualTo("a{2,3}");
    assertThat(RegexTranslator.toJava("[[:alpha:]]")).isEqualTo("[\\p{Alpha}]");
    assertThat(RegexTranslator.toJava("\\0")).isEqualTo("\\x00");
    assertThat(RegexTranslator.toJava("[a&&b]")).isEqualTo("[a\\&\\&b]");
  }

  @Test
  void chainsSkipAfterAndRemovalsLoad() {
    SecLangEngine e = Requests.engine("""
        SecDefaultAction "phase:2,log,pass"
        SecRule ARGS "@rx x" "id:10,phase:2,deny,chain"
            SecRule ARGS_NAMES "@streq a" "t:none"
        SecRule ARGS "@rx y" "id:11,phase:2,deny"
        SecRule ARGS "@rx z" "id:12,phase:2,deny"
        SecRuleRemoveById 11
        SecRuleUpdateTargetById 12 "!ARGS:safe"
        SecCollectionTimeout 600
        """);
    assertThat(e.rule(10).chained()).isNotNull();
    assertThat(e.rule(11)).isNull();
    assertThat(e.rule(12).targets()).extracting(Target::toString).containsExactly("ARGS", "!ARGS:safe");
    assertThat(e.warnings()).anyMatch(w -> w.contains("SecCollectionTimeout"));
  }

  @Test
  void unknownTransformationFailsTheLoadWithItsLine() {
    assertThatThrownBy(() -> Requests.engine("SecRule ARGS \"@rx a\" \"id:1,t:nope\""))
        .isInstanceOf(SecLangException.class).hasMessageContaining("test.conf:1").hasMessageContaining("nope");
  }
}
