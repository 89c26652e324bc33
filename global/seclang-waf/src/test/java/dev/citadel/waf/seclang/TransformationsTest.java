package dev.citadel.waf.seclang;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TransformationsTest {

  private static String t(String name, String in) {
    return Transformations.byName(name).apply(in);
  }

  @Test
  void urlDecodingLeavesInvalidEscapesAlone() {
    assertThat(t("urlDecode", "a%20b+c%zz%4")).isEqualTo("a b c%zz%4");
    assertThat(t("urlDecodeUni", "%u0041%uff1c")).isEqualTo("A<");
  }

  @Test
  void htmlJsCssDecoding() {
    assertThat(t("htmlEntityDecode", "&lt;a&#x3e;&#60&quot;&unknown;")).isEqualTo("<a><\"&unknown;");
    assertThat(t("jsDecode", "\\x3cscript\\u003e\\n\\101")).isEqualTo("<script>\nA");
    assertThat(t("cssDecode", "\\3c script\\>")).isEqualTo("<script>");
  }

  @Test
  void cmdLineNormalisesShellObfuscation() {
    assertThat(t("cmdLine", "C^A\"T  /etc/pass'wd ; ls")).isEqualTo("cat/etc/passwd ls");
  }

  @Test
  void whitespaceNullsAndComments() {
    assertThat(t("compressWhitespace", "a \t\n b")).isEqualTo("a b");
    assertThat(t("removeWhitespace", "a \t b")).isEqualTo("ab");
    assertThat(t("removeNulls", "a\0b")).isEqualTo("ab");
    assertThat(t("replaceComments", "un/**/ion/* x")).isEqualTo("un ion ");
    assertThat(t("removeCommentsChar", "a/*b*/c--d#e")).isEqualTo("abcde");
  }

  @Test
  void pathNormalisation() {
    assertThat(t("normalisePath", "/a/./b/../../c//d")).isEqualTo("/c/d");
    assertThat(t("normalizePathWin", "\\a\\..\\b")).isEqualTo("/b");
  }

  @Test
  void encodingsAndDigests() {
    assertThat(t("utf8toUnicode", "\u00c3\u00a9")).isEqualTo("%u00e9");
    assertThat(t("base64Decode", "YWJj")).isEqualTo("abc");
    assertThat(t("hexDecode", "616263")).isEqualTo("abc");
    assertThat(t("length", "abcd")).isEqualTo("4");
    assertThat(t("sha1", "abc")).hasSize(20);
    assertThat(t("lowercase", "AbC\u00c9")).isEqualTo("abc\u00c9");
  }

  @Test
  void tNoneDropsInheritedTransformationsAndRulesChainThem() {
    SecLangEngine e = Requests.engine("""
        SecDefaultAction "phase:2,log,pass,t:lowercase"
        SecRule ARGS "@streq abc" "id:1,phase:2"
        SecRule ARGS "@streq abc" "id:2,phase:2,t:none"
        SecRule ARGS "@streq <b>" "id:3,phase:2,t:none,t:urlDecodeUni,t:htmlEntityDecode,t:lowercase"
        """);
    assertThat(e.evaluate(Requests.get("/?a=ABC")).matched(1)).isTrue();
    assertThat(e.evaluate(Requests.get("/?a=ABC")).matched(2)).isFalse();
    assertThat(e.evaluate(Requests.get("/?a=%26lt%3BB%26gt%3B")).matched(3)).isTrue();
  }

  @Test
  void multiMatchTriesEveryIntermediateValue() {
    SecLangEngine e = Requests.engine("""
        SecRule ARGS "@rx ^%41$" "id:1,phase:2,log,pass,t:none,t:urlDecode,multiMatch"
        SecRule ARGS "@rx ^%41$" "id:2,phase:2,log,pass,t:none,t:urlDecode"
        """);
    WafVerdict v = e.evaluate(Requests.get("/?a=%2541"));
    assertThat(v.matched(1)).isTrue();
    assertThat(v.matched(2)).isFalse();
  }
}
