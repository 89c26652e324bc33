package dev.citadel.waf.seclang;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BodyProcessorsTest {

  private static final SecLangEngine ECHO = Requests.engine("""
      SecRule ARGS_POST "@rx ." "id:1,phase:2,log,pass,msg:'%{matched_var_name}=%{matched_var}'"
      SecRule FILES "@rx ." "id:2,phase:2,log,pass,msg:'%{matched_var_name}=%{matched_var}'"
      SecRule REQBODY_ERROR "!@eq 0" "id:3,phase:2,log,pass"
      SecRule REQUEST_BODY "@rx ." "id:4,phase:2,log,pass"
      SecRule MULTIPART_PART_HEADERS "@rx content-type" "id:5,phase:2,log,pass,t:lowercase"
      SecRule XML://@* "@streq v" "id:6,phase:2,log,pass"
      """);

  private static String msg(WafVerdict v, int id) {
    return v.matches().stream().filter(m -> m.ruleId() == id).findFirst().map(WafVerdict.Match::message).orElse(null);
  }

  @Test
  void urlEncoded() {
    WafVerdict v = ECHO.evaluate(Requests.post("/", "application/x-www-form-urlencoded", "a=1+2%21&b"));
    assertThat(msg(v, 1)).isEqualTo("ARGS_POST:a=1 2!");
    assertThat(v.matched(4)).isTrue();
  }

  @Test
  void jsonUsesModSecurityArgumentNames() {
    WafVerdict v = ECHO.evaluate(Requests.post("/", "application/json", "{\"a\":{\"b\":[\"x\",{\"c\":\"é\"}]}}"));
    assertThat(v.matches()).filteredOn(m -> m.ruleId() == 1).extracting(WafVerdict.Match::message)
        .containsExactly("ARGS_POST:json.a.b.1.c=\u00c3\u00a9");
    assertThat(v.matched(3)).isFalse();
    assertThat(v.matched(4)).as("REQUEST_BODY is not filled for JSON, as in ModSecurity").isFalse();
    WafVerdict broken = ECHO.evaluate(Requests.post("/", "application/json", "{\"a\":"));
    assertThat(broken.matched(3)).isTrue();
  }

  @Test
  void multipartFieldsFilesAndPartHeaders() {
    String body = "--XyZ\r\n"
        + "Content-Disposition: form-data; name=\"field\"\r\n\r\n"
        + "value\r\n"
        + "--XyZ\r\n"
        + "Content-Disposition: form-data; name=\"up\"; filename=\"shell.php\"\r\n"
        + "Content-Type: text/plain\r\n\r\n"
        + "<?php ?>\r\n"
        + "--XyZ--\r\n";
    WafVerdict v = ECHO.evaluate(Requests.post("/", "multipart/form-data; boundary=XyZ", body));
    assertThat(v.matches()).filteredOn(m -> m.ruleId() == 1).extracting(WafVerdict.Match::message)
        .containsExactly("ARGS_POST:field=value");
    assertThat(msg(v, 2)).isEqualTo("FILES:up=shell.php");
    assertThat(v.matched(5)).isTrue();
    assertThat(v.matched(3)).isFalse();
    WafVerdict noEnd = ECHO.evaluate(Requests.post("/", "multipart/form-data; boundary=XyZ", "--XyZ\r\nbroken"));
    assertThat(noEnd.matched(3)).isTrue();
  }

  @Test
  void xmlAttributesAndNoExternalEntities() {
    WafVerdict v = ECHO.evaluate(Requests.post("/", "application/xml", "<r><e a=\"v\">t</e></r>"));
    assertThat(v.matched(6)).isTrue();
    WafVerdict xxe = ECHO.evaluate(Requests.post("/", "application/xml",
        "<!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><r>&x;</r>"));
    assertThat(xxe.matched(3)).isTrue();
  }
}
