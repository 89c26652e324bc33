package dev.citadel.waf.seclang;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Small request builders for the unit tests. */
final class Requests {
  private Requests() {}

  static WafRequest get(String uri, String... headers) {
    return new WafRequest("GET", uri, "HTTP/1.1", pairs(headers), new byte[0], "10.0.0.1");
  }

  static WafRequest post(String uri, String contentType, String body, String... headers) {
    List<Map.Entry<String, String>> h = pairs(headers);
    h.add(Map.entry("Content-Type", contentType));
    return new WafRequest("POST", uri, "HTTP/1.1", h, body.getBytes(StandardCharsets.UTF_8), "10.0.0.1");
  }

  private static List<Map.Entry<String, String>> pairs(String... kv) {
    List<Map.Entry<String, String>> h = new ArrayList<>();
    h.add(Map.entry("Host", "example.test"));
    for (int i = 0; i + 1 < kv.length; i += 2) {
      h.add(Map.entry(kv[i], kv[i + 1]));
    }
    return h;
  }

  static SecLangEngine engine(String rules) {
    return SecLangEngine.builder().directives(rules, "test.conf", java.nio.file.Path.of(".")).build();
  }
}
