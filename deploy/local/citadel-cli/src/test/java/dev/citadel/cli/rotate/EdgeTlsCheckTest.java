package dev.citadel.cli.rotate;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class EdgeTlsCheckTest {

    private static final BigInteger SERIAL = new BigInteger("5dcf23a50fe84bae978ef1f4b589f9d6", 16);

    /** The shape of the edge's {@code GET /tls} (edge-gateway's AdminTlsTest pins the other side). */
    private static String answer(String context, String serial) {
        return """
                [{"name":"origin-client","reloads":0,"presenting":[{"subject":"CN=edge","serial":"1f","notAfter":"2029-03-11T21:38:10Z"}]},
                 {"name":"%s","reloads":1,"presenting":[{"subject":"CN=edge","serial":"%s","notAfter":"2029-03-11T21:38:10Z"}]},
                 {"name":"trust-only","reloads":0,"presenting":[]}]
                """.formatted(context, serial);
    }

    @Test
    void seesTheSerialOnlyInTheNamedContext() {
        assertThat(EdgeTlsCheck.presents(answer("management", SERIAL.toString(16)), "origin-client", SERIAL))
                .as("another context presents it").isFalse();
        assertThat(EdgeTlsCheck.presents("[{\"name\":\"origin-client\",\"presenting\":[{\"serial\":\""
                + SERIAL.toString(16) + "\"}]}]", "origin-client", SERIAL)).isTrue();
        assertThat(EdgeTlsCheck.presents("[{\"name\":\"origin-client\",\"presenting\":[{\"serial\":\""
                + SERIAL.toString(16) + "\"}]}]", "origin-client", SERIAL.add(BigInteger.ONE))).as("another serial")
                .isFalse();
        assertThat(EdgeTlsCheck.presents("[]", "origin-client", SERIAL)).as("no context").isFalse();
    }
}
