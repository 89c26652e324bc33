package dev.citadel.edge.waf;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The CRS regression YAML → request bytes and expectation, and the table, without any server. */
class CrsRegressionTestsTest {

    private static final String YAML = """
            ---
            meta: {author: test, enabled: true, name: "942100.yaml"}
            tests:
              - test_title: 942100-1
                stages:
                  - stage:
                      input:
                        dest_addr: "127.0.0.1"
                        port: 80
                        method: "POST"
                        headers:
                          User-Agent: "ModSecurity CRS 3 Tests"
                          Host: "localhost"
                          Content-Type: "application/x-www-form-urlencoded"
                        uri: "/?a=1"
                        version: "HTTP/1.0"
                        data: "var=1' or '1'='1"
                      output:
                        log_contains: "id \\"942100\\""
              - test_title: 942100-2
                stages:
                  - stage:
                      input:
                        headers: {Host: localhost}
                        data: ["7", "foo=bar", "0", ""]
                        stop_magic: true
                      output:
                        no_log_contains: id "942100"
              - test_title: 942101-1
                stages:
                  - stage:
                      input:
                        headers: {User-Agent: x}
                        uri: "/\\xac\\xed"
                      output:
                        log_contains: id "942101"
              - test_title: 942100-3
                stages:
                  - stage:
                      input:
                        headers: {Host: localhost}
                        version: "HTTP/0.9"
                      output:
                        status: [400]
              - test_title: 942100-4
                stages:
                  - stage:
                      input:
                        encoded_request: "R0VUIC8gSFRUUC8xLjANCg0K"
                      output:
                        log_contains: id "942100"
            """;

    private static final String RULES = """
            SecRule ARGS "@detectSQLi" \\
                "id:942100,\\
                phase:2,\\
                tag:'attack-sqli',\\
                tag:'paranoia-level/1',\\
                severity:'CRITICAL'"

            SecRule TX:EXECUTING_PARANOIA_LEVEL "@lt 2" "id:942013,phase:1,pass,nolog,skipAfter:END"
            SecRule ARGS "@rx select" \\
                "id:942101,\\
                tag:'paranoia-level/2',\\
                chain"
                SecRule MATCHED_VARS "@rx x" \\
                    "t:none,tag:'paranoia-level/1'"
            """;

    private final List<CrsRegressionTests.Stage> stages = CrsRegressionTests.parse("942", YAML);
    private final Map<Integer, Integer> levels = CrsRegressionTests.paranoiaLevels(RULES);

    @Test
    void buildsTheRequestLineHeadersInFileOrderAndFormEncodesDataAsGoFtwDoes() {
        assertThat(text(stages.get(0).request())).isEqualTo("POST /?a=1 HTTP/1.0\r\n"
                + "User-Agent: ModSecurity CRS 3 Tests\r\nHost: localhost\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\n"
                + "Connection: close\r\nContent-Length: 26\r\n\r\nvar=1%27+or+%271%27%3D%271");
    }

    @Test
    void completesDataWithoutContentTypeAsAFormAndLeavesEscapedOrOtherBodiesAlone() {
        List<CrsRegressionTests.Stage> more = CrsRegressionTests.parse("942", """
                tests:
                  - test_title: a
                    stages:
                      - stage:
                          input: {method: POST, headers: {Host: h}, data: "INFORMATION_SCHEMA&x=a b&"}
                          output: {log_contains: id "942140"}
                  - test_title: b
                    stages:
                      - stage:
                          input: {method: POST, headers: {Host: h}, data: "x=%27 or 1"}
                          output: {log_contains: id "942140"}
                  - test_title: c
                    stages:
                      - stage:
                          input:
                            method: POST
                            headers: {Host: h, Content-Type: "multipart/form-data; boundary=--b"}
                            data: "----b\\nContent-Disposition: form-data; name=\\"f\\"\\n\\nv\\n----b--\\n"
                          output: {log_contains: id "922100"}
                  - test_title: d
                    stages:
                      - stage:
                          input: {method: DELETE, headers: {Host: h}}
                          output: {no_log_contains: id "942140"}
                """);
        assertThat(text(more.get(0).request())).isEqualTo("POST / HTTP/1.1\r\nHost: h\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\nConnection: close\r\nContent-Length: 24\r\n"
                + "\r\nINFORMATION_SCHEMA&x=a+b");
        assertThat(text(more.get(1).request())).endsWith("Content-Length: 10\r\n\r\nx=%27 or 1");
        assertThat(text(more.get(2).request())).endsWith("Content-Length: 63\r\n\r\n"
                + "----b\r\nContent-Disposition: form-data; name=\"f\"\r\n\r\nv\r\n----b--\r\n");
        assertThat(text(more.get(3).request())).isEqualTo("DELETE / HTTP/1.1\r\nHost: h\r\n"
                + "Connection: close\r\nContent-Length: 0\r\n\r\n");
    }

    @Test
    void joinsDataLinesWithCrlfAndAddsNothingUnderStopMagic() {
        assertThat(text(stages.get(1).request()))
                .isEqualTo("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n7\r\nfoo=bar\r\n0\r\n");
    }

    @Test
    void sendsEscapedCharactersAsSingleBytesAndEncodedRequestsAsDecoded() {
        byte[] raw = stages.get(2).request();
        assertThat(new String(raw, StandardCharsets.ISO_8859_1)).startsWith("GET /\u00ac\u00ed HTTP/1.1\r\n");
        assertThat(raw[5]).isEqualTo((byte) 0xac);
        assertThat(text(stages.get(4).request())).isEqualTo("GET / HTTP/1.0\r\n\r\n");
        assertThat(stages.get(4).unfaithful()).isNull();
    }

    @Test
    void marksOtherProtocolVersionsAndHttp11WithoutHostAsNotFaithful() {
        assertThat(stages.get(3).unfaithful()).isEqualTo("version 'HTTP/0.9'");
        assertThat(stages.get(2).unfaithful()).isEqualTo("HTTP/1.1 without Host");
        assertThat(stages.get(0).unfaithful()).isNull();
        assertThat(stages.get(1).unfaithful()).isNull();
    }

    @Test
    void readsParanoiaLevelsFromTheTopLevelRuleNotItsChain() {
        assertThat(levels).containsEntry(942100, 1).containsEntry(942101, 2).doesNotContainKey(942013);
    }

    @Test
    void classifiesByWhatTheOutputPromises() {
        assertThat(stages).extracting(s -> CrsRegressionTests.classify(s, levels)).containsExactly(
                CrsRegressionTests.Kind.ATTACK, CrsRegressionTests.Kind.MUST_NOT_FIRE,
                CrsRegressionTests.Kind.ATTACK_PL2_OR_HIGHER, CrsRegressionTests.Kind.OTHER,
                CrsRegressionTests.Kind.ATTACK);
        assertThat(stages.get(0).category()).isEqualTo("942");
        assertThat(stages.get(0).title()).isEqualTo("942100-1");
        // a rule id no rule file declares counts as paranoia level 1
        assertThat(CrsRegressionTests.classify(stages.get(0), Map.of())).isEqualTo(CrsRegressionTests.Kind.ATTACK);
    }

    @Test
    void reportCountsBlockedAttacksAndFalsePositivesPerProxyAndListsMissesWhenVerbose() {
        // attack 403 / 200; must-not-fire 200 / 403; the PL2 and HTTP/0.9 stages are not faithful, so counted apart;
        // the encoded attack dropped / 404
        String table = CrsRegressionReplay.report(stages, levels, List.of("modsec", "edge"),
                List.of(new int[] {403, 200, 403, 400, -1}, new int[] {200, 403, 200, 400, 404}), true);
        assertThat(table).contains("2 attack cases (a PL1 rule must fire), 1 must-not-fire")
                .contains("not counted: 0 PL2+ attack cases, 0 other expectations (status, error), 2 not sendable faithfully")
                .contains("not sendable faithfully: [942101-1 (HTTP/1.1 without Host), 942100-3 (version 'HTTP/0.9')]");
        assertThat(line(table, "attack cases blocked, 2")).contains("| 2 (100.0 %)").contains("| 0 (0.0 %)");
        assertThat(line(table, "must-not-fire blocked (FP), 1")).contains("| 0 (0.0 %)").contains("| 1 (100.0 %)");
        assertThat(line(table, "  942 SQLi, 2")).isNotNull();
        assertThat(line(table, "not faithful, blocked, 2")).contains("| 2 (100.0 %)");
        assertThat(table).contains("edge passed attack cases: [942100-1=200, 942100-4=404]")
                .contains("edge blocked must-not-fire cases: [942100-2=403]")
                .contains("modsec passed attack cases: []");
    }

    private static String line(String table, String start) {
        return table.lines().filter(l -> l.startsWith(start)).findFirst().orElseThrow();
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }
}
