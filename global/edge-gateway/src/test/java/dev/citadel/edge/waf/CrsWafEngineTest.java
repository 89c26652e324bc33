package dev.citadel.edge.waf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** The edge's WAF with {@code engine: crs}: the OWASP Core Rule Set installed on the machine, tuned from YAML. */
class CrsWafEngineTest {

    private static final String XSS = "/search?q=%3Cscript%3Ealert(document.cookie)%3C/script%3E";

    @BeforeAll
    static void crsInstalled() {
        assumeTrue(Files.isDirectory(CrsSettings.DEFAULT_RULES) && Files.isRegularFile(CrsSettings.DEFAULT_SETUP),
                "OWASP CRS not installed at " + CrsSettings.DEFAULT_RULES + " (Debian package modsecurity-crs)");
    }

    private static WafEngine engine(Map<String, Object> waf) {
        WafConfig c = WafConfig.fromMap(waf);
        return WafEngine.from(c);
    }

    @Test
    void blocksAttacksAndPassesAnOrdinaryApiCall() {
        WafEngine e = engine(Map.of("engine", "crs"));
        assertThat(e.engineName()).isEqualTo("crs");
        assertThat(e.ruleCount()).isGreaterThan(300);
        WafVerdict xss = e.inspect(WafRequests.get(XSS));
        assertThat(xss.action()).isEqualTo(WafVerdict.Action.BLOCK);
        assertThat(xss.matchedRuleIds()).contains("941110", "949110");
        assertThat(xss.anomalyScore()).isGreaterThanOrEqualTo(5);
        assertThat(xss.referenceId()).isNotNull();
        WafVerdict ok = e.inspect(WafRequests.json("POST", "/api/v1/items",
                "{\"name\":\"O'Brien's widget\",\"price\":12.5,\"tags\":[\"a\",\"b\"]}"));
        assertThat(ok.allowed()).as("%s", ok.matches()).isTrue();
        assertThat(e.inspect(WafRequests.form("/login", "user=a&pass=%2Fetc%2Fpasswd")).allowed()).isFalse();
    }

    @Test
    void detectionModePassesAndMarksTheVerdict() {
        WafEngine e = engine(Map.of("engine", "crs", "mode", "detection"));
        WafVerdict v = e.inspect(WafRequests.get(XSS));
        assertThat(v.allowed()).isTrue();
        assertThat(v.detectionOnly()).isTrue();
        e.setMode(WafMode.PREVENTION);
        assertThat(e.inspect(WafRequests.get(XSS)).allowed()).isFalse();
    }

    @Test
    void thresholdParanoiaMethodsAndContentTypesComeFromYaml() {
        WafEngine strictApi = engine(Map.of("engine", "crs", "crs", Map.of("allowedMethods", List.of("GET", "POST"),
                "allowedContentTypes", List.of("application/json"))));
        WafVerdict put = strictApi.inspect(WafRequests.json("PUT", "/api/v1/items/1", "{}"));
        assertThat(put.matchedRuleIds()).contains("911100");
        WafVerdict form = strictApi.inspect(WafRequests.form("/api/v1/items", "a=b"));
        assertThat(form.matchedRuleIds()).contains("920420");
        WafEngine lenient = engine(Map.of("engine", "crs", "inboundAnomalyThreshold", 1000));
        assertThat(lenient.inspect(WafRequests.get(XSS)).allowed()).isTrue();
        WafEngine pl2 = engine(Map.of("engine", "crs", "crs", Map.of("paranoiaLevel", 2)));
        assertThat(pl2.inspect(WafRequests.get("/?a=%3Cscript%3E")).matchedRuleIds()).isNotEmpty();
    }

    @Test
    void exclusionsPerRouteAndArgumentAndTheirLiveUpdate() {
        String uri = "/api/v1/items?note=%3Cscript%3Ealert(1)%3C/script%3E";
        WafEngine e = engine(Map.of("engine", "crs"));
        assertThat(e.inspect(WafRequests.get(uri)).allowed()).isFalse();
        List<RuleExclusion> xssOnNote = List.of(new RuleExclusion("941000-941999", "/api/", "note"));
        e.updatePolicy(e.policy().withExclusions(xssOnNote));
        WafVerdict excluded = e.inspect(WafRequests.get(uri));
        assertThat(excluded.matchedRuleIds()).noneMatch(id -> id.startsWith("941"));
        assertThat(e.inspect(WafRequests.get(uri.replace("note", "other"))).allowed()).isFalse();
        assertThat(e.inspect(WafRequests.get(uri.replace("/api/v1", "/web"))).allowed()).isFalse();
        e.updatePolicy(e.policy().withExclusions(List.of(RuleExclusion.everywhere("941110"))));
        assertThat(e.inspect(WafRequests.get(XSS)).matchedRuleIds()).doesNotContain("941110");
    }

    @Test
    void badSettingsAreRefusedWithTheirKey() {
        assertThatThrownBy(() -> WafConfig.fromMap(Map.of("engine", "modsec"))).hasMessageContaining("waf.engine");
        assertThatThrownBy(() -> WafConfig.fromMap(Map.of("crs", Map.of("paranoiaLevel", 5))))
                .hasMessageContaining("paranoiaLevel");
        assertThatThrownBy(() -> WafConfig.fromMap(Map.of("crs", Map.of("allowedMethods", List.of("GET\" deny")))))
                .hasMessageContaining("not an HTTP token");
        assertThatThrownBy(() -> engine(Map.of("engine", "crs", "crs", Map.of("rulesDir", "/nonexistent"))))
                .hasMessageContaining("waf.crs.rulesDir");
        assertThatThrownBy(() -> engine(Map.of("engine", "crs",
                "exclusions", List.of(Map.of("ruleId", "sqli-001")))))
                .hasMessageContaining("not a CRS rule id");
    }

    /** The WAF section {@code citadel up} writes for the catalog API (one file, shared with the CLI). */
    static final Path CATALOG_WAF = Path.of("../../deploy/local/citadel-cli/src/main/resources/dev/citadel/cli/services/edge-waf.yaml");

    @SuppressWarnings("unchecked")
    static Map<String, Object> catalogWaf() throws Exception {
        return (Map<String, Object>) new YAMLMapper().readValue(Files.readString(CATALOG_WAF), Map.class).get("waf");
    }

    /**
     * The bundled corpora through CRS PL1 as {@code citadel up} configures it for the catalog API: no benign
     * request refused, and how many attacks CRS refuses (printed for the README's figures).
     */
    @Test
    void corporaThroughCrs() throws Exception {
        WafEngine e = engine(catalogWaf());
        int attacks = 0;
        int caught = 0;
        List<String> missed = new ArrayList<>();
        for (String f : List.of("/waf/attacks.http", "/waf/attacks-heldout.http")) {
            int fileCaught = 0;
            List<HttpCorpus.Case> cases = HttpCorpus.load(f);
            for (HttpCorpus.Case c : cases) {
                attacks++;
                if (!e.inspect(c.request()).allowed()) {
                    caught++;
                    fileCaught++;
                } else {
                    missed.add(c.id());
                }
            }
            System.out.printf(Locale.ROOT, "  %s: %d/%d refused%n", f, fileCaught, cases.size());
        }
        List<String> falsePositives = new ArrayList<>();
        List<HttpCorpus.Case> benign = HttpCorpus.load("/waf/benign.http");
        for (HttpCorpus.Case c : benign) {
            WafVerdict v = e.inspect(c.request());
            if (!v.allowed()) {
                falsePositives.add(c.id() + " " + v.matchedRuleIds());
            }
        }
        System.out.printf(Locale.ROOT, "CRS PL1 (catalog tuning) on the edge corpora: attacks %d/%d = %.1f %%,"
                + " false positives %d/%d%n", caught, attacks, 100.0 * caught / attacks, falsePositives.size(),
                benign.size());
        falsePositives.forEach(f -> System.out.println("  false positive: " + f));
        System.out.println("  missed: " + missed);
        // Refused by design: three form posts (the API takes JSON only; Citadel serves no forms) and a search
        // query on a page Citadel does not have (its UI routes in the fragment, never in a query).
        assertThat(falsePositives).containsExactlyInAnyOrder("ui-026 [942190, 942360, 949110]",
                "form-newsletter [920420, 949110]", "form-contact [920420, 949110]", "form-search [920420, 949110]");
        assertThat(caught).isGreaterThanOrEqualTo(313);
    }
}
