package dev.citadel.waf.seclang;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OperatorsTest {

  /** Whether {@code op} matches {@code value} given as the only argument {@code a} of a GET. */
  private static boolean matches(String op, String value) {
    SecLangEngine e = Requests.engine("SecRule ARGS:a \"" + op.replace("\"", "\\\"") + "\" \"id:1,phase:1,log,pass\"");
    return e.evaluate(Requests.get("/?a=" + value)).matched(1);
  }

  @Test
  void regexWithPcreFeaturesAndNegation() {
    assertThat(matches("@rx (?i)^sel(?:ect)++\\b", "SELECT")).isTrue();
    assertThat(matches("(?>a|ab)c", "abc")).isFalse();
    assertThat(matches("!@rx ^[0-9]+$", "12")).isFalse();
    assertThat(matches("!@rx ^[0-9]+$", "1x")).isTrue();
  }

  @Test
  void phraseMatchIsCaseInsensitive(@TempDir Path dir) throws Exception {
    assertThat(matches("@pm foo bar", "xxBARxx")).isTrue();
    assertThat(matches("@pm foo bar", "baz")).isFalse();
    Files.writeString(dir.resolve("words.data"), "# comment\n\nnmap\nsqlmap\n");
    SecLangEngine e = SecLangEngine.builder()
        .directives("SecRule REQUEST_HEADERS:User-Agent \"@pmFromFile words.data\" \"id:2,phase:1,log,pass\"", "t", dir)
        .build();
    assertThat(e.evaluate(Requests.get("/", "User-Agent", "SQLMap/1.0")).matched(2)).isTrue();
    assertThat(e.evaluate(Requests.get("/", "User-Agent", "curl")).matched(2)).isFalse();
  }

  @Test
  void ahoCorasickFindsOverlappingPhrases() {
    AhoCorasick ac = new AhoCorasick(List.of("he", "she", "hers", "his"));
    assertThat(ac.find("ushers")).isEqualTo("she");
    assertThat(ac.find("xhix")).isNull();
    assertThat(ac.find("HIS")).isEqualTo("his");
  }

  @Test
  void stringOperators() {
    assertThat(matches("@streq abc", "abc")).isTrue();
    assertThat(matches("@streq abc", "abcd")).isFalse();
    assertThat(matches("@beginsWith ab", "abc")).isTrue();
    assertThat(matches("@endsWith bc", "abc")).isTrue();
    assertThat(matches("@contains b", "abc")).isTrue();
    assertThat(matches("@containsWord select", "a+select+b")).isTrue();
    assertThat(matches("@containsWord select", "selected")).isFalse();
    assertThat(matches("@within GET HEAD POST", "HEAD")).isTrue();
    assertThat(matches("@within GET HEAD POST", "PUT")).isFalse();
  }

  @Test
  void numericOperatorsTreatNonNumbersAsZero() {
    assertThat(matches("@eq 5", "5")).isTrue();
    assertThat(matches("@ge 5", "5")).isTrue();
    assertThat(matches("@gt 5", "5")).isFalse();
    assertThat(matches("@lt 5", "abc")).isTrue();
    assertThat(matches("@le 5", "6")).isFalse();
  }

  @Test
  void ipMatchV4AndV6() {
    SecLangEngine e = Requests.engine(
        "SecRule REMOTE_ADDR \"@ipMatch 10.0.0.0/8,192.168.1.1,2001:db8::/32\" \"id:3,phase:1,log,pass\"");
    assertThat(e.evaluate(Requests.get("/")).matched(3)).isTrue();
    WafRequest v6 = new WafRequest("GET", "/", "HTTP/1.1", List.of(), null, "2001:db8::7");
    assertThat(e.evaluate(v6).matched(3)).isTrue();
    WafRequest other = new WafRequest("GET", "/", "HTTP/1.1", List.of(), null, "11.0.0.1");
    assertThat(e.evaluate(other).matched(3)).isFalse();
  }

  @Test
  void validationOperators() {
    assertThat(matches("@validateByteRange 48-57", "123")).isFalse();
    assertThat(matches("@validateByteRange 48-57", "12a")).isTrue();
    assertThat(Operators.invalidUrlEncoding("a%2")).isTrue();
    assertThat(Operators.invalidUrlEncoding("a%zz")).isTrue();
    assertThat(Operators.invalidUrlEncoding("a%20")).isFalse();
    assertThat(Operators.invalidUtf8("h\u00c3\u00a9")).isFalse(); // é as UTF-8 bytes
    assertThat(Operators.invalidUtf8("\u00c0\u00af")).isTrue(); // overlong '/'
    assertThat(Operators.invalidUtf8("\u00e9")).isTrue();
  }

  @Test
  void unconditionalMatchAndUnsupportedOperatorsAreReported() {
    assertThat(matches("@unconditionalMatch", "x")).isTrue();
    List<String> warnings = new ArrayList<>();
    Operators.Operator op = Operators.compile("@rbl sbl.spamhaus.org", Path.of("."), warnings);
    assertThat(op.matches(null, "1.2.3.4")).isFalse();
    assertThat(warnings).singleElement().asString().contains("@rbl");
  }

  @Test
  void injectionOperatorsCallTheSuppliedDetector() {
    String rules = """
        SecRule ARGS "@detectSQLi" "id:4,phase:2,log,pass"
        SecRule ARGS "@detectXSS" "id:5,phase:2,log,pass"
        """;
    InjectionDetector fake = new InjectionDetector() {
      @Override
      public boolean isSqli(String s) {
        return s.contains("sqli");
      }

      @Override
      public boolean isXss(String s) {
        return s.contains("xss");
      }
    };
    SecLangEngine with = SecLangEngine.builder().directives(rules, "t", Path.of(".")).injectionDetector(fake).build();
    WafVerdict v = with.evaluate(Requests.get("/?a=sqli&b=xss"));
    assertThat(v.matched(4)).isTrue();
    assertThat(v.matched(5)).isTrue();
    SecLangEngine without = SecLangEngine.builder().directives(rules, "t", Path.of(".")).injectionDetector(null)
        .build();
    assertThat(without.evaluate(Requests.get("/?a=sqli")).matched(4)).isFalse();
    assertThat(without.warnings()).anyMatch(w -> w.contains("rule 4"));
  }

  @Test
  void injectionOperatorsUseLibinjectionByDefault() {
    String rules = """
        SecRule ARGS "@detectSQLi" "id:4,phase:2,log,pass"
        SecRule ARGS "@detectXSS" "id:5,phase:2,log,pass"
        """;
    SecLangEngine engine = Requests.engine(rules);
    assertThat(engine.evaluate(Requests.get("/?q=1%27%20OR%20%271%27%3D%271")).matched(4)).isTrue();
    assertThat(engine.evaluate(Requests.get("/?q=%3Cscript%3Ealert(1)%3C/script%3E")).matched(5)).isTrue();
    WafVerdict benign = engine.evaluate(Requests.get("/?q=O%27Reilly%27s%20book"));
    assertThat(benign.matched(4)).isFalse();
    assertThat(benign.matched(5)).isFalse();
    assertThat(engine.warnings()).noneMatch(w -> w.contains("InjectionDetector"));
  }
}
