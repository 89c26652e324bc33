package dev.citadel.edge.waf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractMap.SimpleEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Which of the edge's own rules add to CRS: for every bundled rule, the corpus attacks CRS (as {@code citadel up}
 * tunes it) lets through that the rule refuses, against what it would refuse wrongly (the benign corpus, and CRS's
 * own must-not-fire regression cases when they are on this machine). The rules in {@code waf.ownRules} of the
 * catalog tuning must be exactly those that add and never refuse wrongly.
 */
class OwnRulesAfterCrsTest {
    /**
     * CRS's regression tests (shared test data, never copied into the repository): {@code -Dcrs.tests=DIR}, else
     * {@code shared/data} beside the clone, else {@code /work/shared/data}.
     */
    static final Path CRS_TESTS = java.util.stream.Stream.of(System.getProperty("crs.tests", ""),
                    "../../../shared/data/crs-regression-3.3.4/tests/regression/tests",
                    "/work/shared/data/crs-regression-3.3.4/tests/regression/tests")
            .filter(d -> !d.isEmpty()).map(Path::of).filter(Files::isDirectory).findFirst()
            .orElse(Path.of("../../../shared/data/crs-regression-3.3.4/tests/regression/tests"));

    @Test
    void theCatalogTuningRunsExactlyTheOwnRulesThatAddToCrs() throws Exception {
        assumeTrue(Files.isDirectory(CrsSettings.DEFAULT_RULES), "OWASP CRS not installed");
        // Without CRS's must-not-fire cases a rule that refuses them wrongly would look like one that adds.
        assumeTrue(Files.isDirectory(CRS_TESTS), "CRS regression tests absent (" + CRS_TESTS.toAbsolutePath()
                + "; set -Dcrs.tests=DIR): the own-rules list is checked only against them");
        Map<String, Object> tuning = CrsWafEngineTest.catalogWaf();
        Map<String, Object> crsOnly = new java.util.HashMap<>(tuning);
        crsOnly.remove("ownRules");
        WafEngine crs = WafEngine.from(WafConfig.fromMap(crsOnly));
        WafEngine own = WafEngine.withDefaultRules(new WafPolicy(WafMode.DETECTION, 1_000_000, 65536, List.of()));

        Map<String, Set<String>> gained = new TreeMap<>();
        Map<String, Set<String>> wrong = new TreeMap<>();
        for (String f : List.of("/waf/attacks.http", "/waf/attacks-heldout.http")) {
            for (HttpCorpus.Case c : HttpCorpus.load(f)) {
                if (crs.inspect(c.request()).allowed()) {
                    own.inspect(c.request()).matchedRuleIds().forEach(id ->
                            gained.computeIfAbsent(id, k -> new TreeSet<>()).add(c.id()));
                }
            }
        }
        for (HttpCorpus.Case c : HttpCorpus.load("/waf/benign.http")) {
            own.inspect(c.request()).matchedRuleIds().forEach(id ->
                    wrong.computeIfAbsent(id, k -> new TreeSet<>()).add(c.id()));
        }
        int mustNotFire = 0;
        {
            Map<Integer, Integer> levels = CrsRegressionTests.paranoiaLevels(CrsSettings.DEFAULT_RULES);
            for (CrsRegressionTests.Stage s : CrsRegressionTests.load(CRS_TESTS)) {
                if (CrsRegressionTests.classify(s, levels) != CrsRegressionTests.Kind.MUST_NOT_FIRE) {
                    continue;
                }
                WafRequest r = parse(s.request());
                if (r == null) {
                    continue;
                }
                mustNotFire++;
                own.inspect(r).matchedRuleIds().forEach(id ->
                        wrong.computeIfAbsent(id, k -> new TreeSet<>()).add("crs:" + s.title()));
            }
        }
        System.out.println("Own rules on what CRS PL1 (catalog tuning) lets through (" + mustNotFire
                + " CRS must-not-fire cases checked):");
        Set<String> adding = new TreeSet<>();
        for (var e : gained.entrySet()) {
            Set<String> fp = wrong.getOrDefault(e.getKey(), Set.of());
            System.out.println("  " + e.getKey() + ": catches " + e.getValue().size() + " " + e.getValue()
                    + "; refuses wrongly " + fp.size() + (fp.isEmpty() ? "" : " " + fp));
            if (fp.isEmpty()) {
                adding.add(e.getKey());
            }
        }
        System.out.println("  adding without a wrong refusal: " + adding);
        List<String> configured = ((List<?>) tuning.getOrDefault("ownRules", List.of())).stream()
                .map(String::valueOf).toList();
        assertThat(new TreeSet<>(configured)).isEqualTo(adding);
    }

    /** The raw request bytes go-ftw would send, as the engine's input (null when they are not a request). */
    static WafRequest parse(byte[] raw) {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        String head = end < 0 ? text : text.substring(0, end);
        byte[] body = end < 0 ? new byte[0] : java.util.Arrays.copyOfRange(raw, end + 4, raw.length);
        String[] lines = head.split("\r\n");
        String[] requestLine = lines[0].split(" ");
        if (requestLine.length < 2) {
            return null;
        }
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.add(new SimpleEntry<>(lines[i].substring(0, colon).trim(), lines[i].substring(colon + 1).trim()));
            }
        }
        return new WafRequest(requestLine[0], requestLine[1], headers, "198.51.100.20", body, body.length);
    }
}
