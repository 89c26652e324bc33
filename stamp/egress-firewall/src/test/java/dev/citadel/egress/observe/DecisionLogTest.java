package dev.citadel.egress.observe;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DecisionLogTest {

    @Test
    void writesOneJsonObjectWithEveryField() throws Exception {
        String line = DecisionLog.format(new DecisionLog.Line(Instant.parse("2026-01-02T03:04:05Z"), "region1",
                "catalog-api", "127.0.0.1:5000", "CONNECT", "images.example.org", 443,
                List.of(InetAddress.getByName("93.184.215.14")), "allowed", "allowed", 200, 12, 300, 4000, null));
        assertThat(line).isEqualTo("{\"time\":\"2026-01-02T03:04:05Z\",\"stamp\":\"region1\",\"source\":\"catalog-api\","
                + "\"client\":\"127.0.0.1:5000\",\"method\":\"CONNECT\",\"host\":\"images.example.org\",\"port\":443,"
                + "\"resolved\":[\"93.184.215.14\"],\"decision\":\"allowed\",\"reason\":\"allowed\",\"status\":200,"
                + "\"durationMs\":12,\"bytesFromClient\":300,\"bytesToClient\":4000}");
    }

    @Test
    void escapesClientSuppliedTextSoALineCannotBeForged() {
        String line = DecisionLog.format(new DecisionLog.Line(Instant.EPOCH, "s", null, "c", "GET",
                "evil\"}\n{\"decision\":\"allowed", 80, List.of(), "denied", "invalid-host", 400, 0, 0, 0, null));
        assertThat(line).doesNotContain("\n").contains("\"source\":null")
                .contains("evil\\\"}\\u000a{\\\"decision\\\":\\\"allowed");
    }
}
