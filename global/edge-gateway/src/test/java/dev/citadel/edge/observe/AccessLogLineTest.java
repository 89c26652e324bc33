package dev.citadel.edge.observe;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class AccessLogLineTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void buildsAJsonObjectWithStringsNumbersAndMillisInOrder() {
        String line = new AccessLogLine().string("method", "GET").number("status", 200)
                .millis("durationMs", 12_345_678).number("bytes", 0).build();

        assertThat(line).isEqualTo("{\"method\":\"GET\",\"status\":200,\"durationMs\":12.3,\"bytes\":0}");
    }

    @Test
    void escapesEverythingAHostileRequestPathCanCarry() {
        String path = "/a\"b\\c\nd\re\tf\u0001g\u2028h/é/\u00ff";

        JsonNode parsed = JSON.readTree(new AccessLogLine().string("path", path).build());

        assertThat(parsed.get("path").asString()).isEqualTo(path);
    }

    @Test
    void roundsDurationsToATenthOfAMillisecond() {
        assertThat(new AccessLogLine().millis("d", 49_999).build()).isEqualTo("{\"d\":0.0}");
        assertThat(new AccessLogLine().millis("d", 50_000).build()).isEqualTo("{\"d\":0.1}");
        assertThat(new AccessLogLine().millis("d", 1_000_000_000L).build()).isEqualTo("{\"d\":1000.0}");
    }
}
