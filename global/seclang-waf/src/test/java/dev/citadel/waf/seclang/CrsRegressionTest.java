package dev.citadel.waf.seclang;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Replays CRS's own regression tests (go-ftw / ftw YAML) through the engine at paranoia level 1 and checks that the
 * expected rule ids are (or are not) logged. The tests and the rules are read from the machine, never copied here.
 */
class CrsRegressionTest {

  /** Pass rate (of applicable tests) this engine reaches at paranoia level 1; the build fails below it. */
  private static final double FLOOR_PL1 = 1.0;
  /** The same suite at paranoia level 4, where every rule runs: a wider check of the engine itself. */
  private static final double FLOOR_PL4 = 1.0;

  static final Path TESTS = Path.of(System.getProperty("crs.tests",
      "/work/shared/data/crs-regression-3.3.4/tests/regression/tests"));

  enum Outcome { PASS, FAIL, NOT_APPLICABLE, NEEDS_LIBINJECTION }

  record Result(String file, String title, Outcome outcome, String reason) {}

  @Test
  void crsRegressionSuiteAtParanoiaLevel1() throws IOException {
    suite(1, FLOOR_PL1);
  }

  @Test
  void crsRegressionSuiteAtParanoiaLevel4() throws IOException {
    suite(4, FLOOR_PL4);
  }

  private void suite(int paranoia, double floor) throws IOException {
    assumeTrue(Files.isDirectory(TESTS), "CRS regression tests not found at " + TESTS
        + " (set -Dcrs.tests=DIR to the tests/regression/tests directory of the CRS release)");
    assumeTrue(Files.isDirectory(CrsFixture.RULES), "CRS rules not found at " + CrsFixture.RULES
        + " (install Debian's modsecurity-crs, or set -Dcrs.rules and -Dcrs.setup)");
    SecLangEngine engine = CrsFixture.engine(LibinjectionDetector.INSTANCE, paranoia);
    List<Path> files;
    try (Stream<Path> s = Files.walk(TESTS)) {
      files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
    YAMLMapper yaml = new YAMLMapper();
    List<Result> results = new ArrayList<>();
    for (Path f : files) {
      JsonNode doc;
      try {
        doc = yaml.readTree(f.toFile());
      } catch (RuntimeException e) {
        results.add(new Result(f.getFileName().toString(), "*", Outcome.NOT_APPLICABLE, "unreadable YAML: " + e.getMessage()));
        continue;
      }
      boolean enabled = doc.path("meta").path("enabled").asBoolean(true);
      for (JsonNode test : doc.path("tests")) {
        results.add(enabled ? run(engine, f, test, paranoia) : new Result(f.getFileName().toString(),
            test.path("test_title").asString("?"), Outcome.NOT_APPLICABLE, "test file disabled (meta.enabled: false)"));
      }
    }
    report(results, paranoia, floor);
  }

  private static final Pattern ID = Pattern.compile("id \"(\\d+)\"");

  static Result run(SecLangEngine engine, Path file, JsonNode test, int paranoia) {
    String fname = file.getFileName().toString();
    String title = test.path("test_title").asString("?");
    int fileRule = fname.matches("\\d{6}\\.yaml") ? Integer.parseInt(fname.substring(0, 6)) : 0;
    List<JsonNode> stages = new ArrayList<>();
    for (JsonNode st : test.path("stages")) {
      stages.add(st.has("stage") ? st.get("stage") : st);
    }
    for (JsonNode stage : stages) {
      JsonNode out = stage.path("output");
      if (!out.has("log_contains") && !out.has("no_log_contains")) {
        return new Result(fname, title, Outcome.NOT_APPLICABLE,
            "checks only " + String.join(",", out.propertyNames()) + " of a real HTTP server's answer");
      }
      for (String key : List.of("log_contains", "no_log_contains")) {
        Matcher m = ID.matcher(out.path(key).asString(""));
        while (m.find()) {
          Rule r = engine.rule(Integer.parseInt(m.group(1)));
          String na = notApplicable(r, Integer.parseInt(m.group(1)), paranoia);
          if (na != null && key.equals("log_contains")) {
            return new Result(fname, title, Outcome.NOT_APPLICABLE, na);
          }
        }
      }
    }
    Rule target = engine.rule(fileRule);
    if (fileRule != 0) {
      String na = notApplicable(target, fileRule, paranoia);
      if (na != null) {
        return new Result(fname, title, Outcome.NOT_APPLICABLE, na);
      }
      if (target.needsInjectionDetector() && engine.injectionDetectorMissing()) {
        return new Result(fname, title, Outcome.NEEDS_LIBINJECTION, "rule " + fileRule + " uses @detectSQLi/@detectXSS");
      }
    }
    for (JsonNode stage : stages) {
      WafRequest req;
      try {
        req = request(stage.path("input"));
      } catch (RuntimeException e) {
        return new Result(fname, title, Outcome.NOT_APPLICABLE, "request not representable: " + e.getMessage());
      }
      WafVerdict v = engine.evaluate(req);
      if (title.equals(System.getProperty("crs.debug"))) {
        System.out.println("DEBUG " + title + " " + req.method() + " " + req.uri() + " " + req.headers() + " body="
            + new String(req.body(), StandardCharsets.ISO_8859_1));
        v.matches().forEach(x -> System.out.println("DEBUG   " + x));
      }
      StringBuilder log = new StringBuilder();
      for (WafVerdict.Match mt : v.matches()) {
        log.append("[id \"").append(mt.ruleId()).append("\"] [msg \"").append(mt.message()).append("\"] [data \"")
            .append(mt.data()).append("\"]\n");
      }
      JsonNode out = stage.path("output");
      String ids = v.matches().stream().map(x -> Integer.toString(x.ruleId())).distinct().reduce((a, b) -> a + "," + b).orElse("");
      if (out.has("log_contains") && !Pattern.compile(out.get("log_contains").asString()).matcher(log).find()) {
        return failOrLib(engine, fname, title, out.get("log_contains").asString(), "expected " + out.get("log_contains").asString() + ", logged [" + ids + "]");
      }
      if (out.has("no_log_contains") && Pattern.compile(out.get("no_log_contains").asString()).matcher(log).find()) {
        return new Result(fname, title, Outcome.FAIL, "must not log " + out.get("no_log_contains").asString() + ", logged [" + ids + "]");
      }
    }
    return new Result(fname, title, Outcome.PASS, "");
  }

  private static Result failOrLib(SecLangEngine engine, String fname, String title, String expected, String reason) {
    Matcher m = ID.matcher(expected);
    if (m.find()) {
      Rule r = engine.rule(Integer.parseInt(m.group(1)));
      if (r != null && r.needsInjectionDetector() && engine.injectionDetectorMissing()) {
        return new Result(fname, title, Outcome.NEEDS_LIBINJECTION, "rule uses @detectSQLi/@detectXSS");
      }
    }
    return new Result(fname, title, Outcome.FAIL, reason);
  }

  /** Why a rule cannot be exercised at PL1 in phases 1-2, or null. */
  static String notApplicable(Rule r, int id, int paranoia) {
    if (r == null) {
      return "rule " + id + " is not in the loaded rule set (disabled by configuration)";
    }
    if (r.phase() > 2) {
      return "rule " + id + " runs in phase " + r.phase() + " (response), which needs a real backend";
    }
    for (String t : r.tags()) {
      if (t.startsWith("paranoia-level/") && Integer.parseInt(t.substring(15)) > paranoia) {
        return "rule " + id + " is " + t + ", the suite runs at paranoia level " + paranoia;
      }
    }
    return null;
  }

  private static String bytes(String s) {
    return new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
  }

  /** The request an ftw stage sends: defaults, Content-Type/Length added as ftw does unless stop_magic. */
  static WafRequest request(JsonNode in) {
    String raw = null;
    if (in.has("encoded_request")) {
      raw = new String(Base64.getDecoder().decode(in.get("encoded_request").asString().strip()), StandardCharsets.ISO_8859_1);
    } else if (in.has("raw_request")) {
      raw = bytes(joined(in.get("raw_request")));
    }
    if (raw != null) {
      return parseRaw(raw);
    }
    String method = in.path("method").asString("GET");
    String uri = bytes(in.path("uri").asString("/"));
    String version = in.path("version").asString("HTTP/1.1");
    List<Map.Entry<String, String>> headers = new ArrayList<>();
    for (Map.Entry<String, JsonNode> h : in.path("headers").properties()) {
      headers.add(Map.entry(h.getKey(), bytes(h.getValue().asString())));
    }
    String data = in.has("data") ? bytes(joined(in.get("data"))) : "";
    boolean stopMagic = in.path("stop_magic").asBoolean(false);
    // The HTTP server in front of the WAF de-chunks the body and drops Content-Length when Transfer-Encoding is
    // present (RFC 9112 6.3); Netty in the edge does the same.
    if (headers.stream().anyMatch(h -> h.getKey().equalsIgnoreCase("Transfer-Encoding")
        && h.getValue().toLowerCase(java.util.Locale.ROOT).contains("chunked"))) {
      headers.removeIf(h -> h.getKey().equalsIgnoreCase("Content-Length"));
      data = dechunk(data);
    }
    if (!stopMagic && !data.isEmpty()) {
      if (headers.stream().noneMatch(h -> h.getKey().equalsIgnoreCase("Content-Type"))) {
        headers.add(Map.entry("Content-Type", "application/x-www-form-urlencoded"));
      }
      if (headers.stream().noneMatch(h -> h.getKey().equalsIgnoreCase("Content-Length"))) {
        headers.add(Map.entry("Content-Length", Integer.toString(data.length())));
      }
    }
    return new WafRequest(method, uri, version, headers, data.getBytes(StandardCharsets.ISO_8859_1), "127.0.0.1");
  }

  static String dechunk(String s) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < s.length()) {
      int eol = s.indexOf("\r\n", i);
      if (eol < 0) {
        break;
      }
      int size;
      try {
        size = Integer.parseInt(s.substring(i, eol).split(";")[0].strip(), 16);
      } catch (NumberFormatException e) {
        break;
      }
      if (size == 0) {
        break;
      }
      int st = eol + 2;
      out.append(s, st, Math.min(s.length(), st + size));
      i = st + size + 2;
    }
    return out.toString();
  }

  private static String joined(JsonNode n) {
    if (n.isArray()) {
      List<String> parts = new ArrayList<>();
      n.forEach(x -> parts.add(x.asString()));
      return String.join("\r\n", parts);
    }
    return n.asString();
  }

  static WafRequest parseRaw(String raw) {
    int headEnd = raw.indexOf("\r\n\r\n");
    int sep = 4;
    if (headEnd < 0) {
      headEnd = raw.indexOf("\n\n");
      sep = 2;
    }
    String head = headEnd < 0 ? raw : raw.substring(0, headEnd);
    String body = headEnd < 0 ? "" : raw.substring(headEnd + sep);
    String[] lines = head.split("\r?\n");
    String[] rl = lines[0].split(" ", 3);
    if (rl.length < 2) {
      throw new IllegalArgumentException("request line without a target");
    }
    List<Map.Entry<String, String>> headers = new ArrayList<>();
    for (int i = 1; i < lines.length; i++) {
      int c = lines[i].indexOf(':');
      if (c > 0) {
        headers.add(Map.entry(lines[i].substring(0, c).strip(), lines[i].substring(c + 1).strip()));
      }
    }
    return new WafRequest(rl[0], rl[1], rl.length > 2 ? rl[2] : "HTTP/0.9", headers,
        body.getBytes(StandardCharsets.ISO_8859_1), "127.0.0.1");
  }

  private static void report(List<Result> results, int paranoia, double floor) throws IOException {
    Map<String, int[]> perFile = new TreeMap<>();
    int pass = 0;
    int fail = 0;
    int na = 0;
    int lib = 0;
    StringBuilder failures = new StringBuilder();
    StringBuilder others = new StringBuilder();
    for (Result r : results) {
      int[] c = perFile.computeIfAbsent(r.file(), k -> new int[4]);
      c[r.outcome().ordinal()]++;
      switch (r.outcome()) {
        case PASS -> pass++;
        case FAIL -> {
          fail++;
          failures.append("FAIL ").append(r.title()).append(": ").append(r.reason()).append('\n');
        }
        case NOT_APPLICABLE -> {
          na++;
          others.append("N/A ").append(r.title()).append(": ").append(r.reason()).append('\n');
        }
        case NEEDS_LIBINJECTION -> {
          lib++;
          others.append("NEEDS-LIBINJECTION ").append(r.title()).append(": ").append(r.reason()).append('\n');
        }
      }
    }
    StringBuilder sum = new StringBuilder();
    double rate = pass + fail == 0 ? 0 : (double) pass / (pass + fail);
    sum.append(String.format("CRS regression at PL" + paranoia + ": %d tests, %d applicable, %d pass, %d fail, pass rate %.2f %%;"
        + " %d not applicable, %d need libinjection (not counted)%n", results.size(), pass + fail, pass, fail,
        100 * rate, na, lib));
    for (Map.Entry<String, int[]> e : perFile.entrySet()) {
      int[] c = e.getValue();
      if (c[0] + c[1] > 0) {
        sum.append(String.format("  %-14s %3d/%3d%s%n", e.getKey(), c[0], c[0] + c[1],
            c[1] > 0 ? "  <-- " + c[1] + " failing" : ""));
      }
    }
    System.out.print(sum);
    System.out.print(failures);
    Path outDir = Path.of("target");
    Files.createDirectories(outDir);
    Files.writeString(outDir.resolve("crs-regression-pl" + paranoia + ".txt"), sum + "\n" + failures + "\n" + others);
    assertThat(rate).as("pass rate of applicable CRS regression tests at PL" + paranoia).isGreaterThanOrEqualTo(floor);
  }
}
