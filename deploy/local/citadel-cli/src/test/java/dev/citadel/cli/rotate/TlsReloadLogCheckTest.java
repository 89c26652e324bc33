package dev.citadel.cli.rotate;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsReloadLogCheckTest {

    @TempDir
    Path dir;

    @Test
    void seesTheSerialOnlyInTheNamedContextsReloadLine() throws Exception {
        Path log = dir.resolve("edge.log");
        BigInteger serial = new BigInteger("5dcf23a50fe84bae978ef1f4b589f9d6", 16);
        TlsReloadLogCheck check = new TlsReloadLogCheck(log, "origin-client");
        assertThat(check.uses(serial)).as("no log yet").isFalse();

        Files.writeString(log, "x".repeat(5 * 1024 * 1024) + "\n"
                + "21:38:12.822 INFO  [tls-reload-management] d.c.p.t.ReloadingSslContext - TLS management: reloaded from"
                + " [edge.crt, edge.key] (now presenting CN=edge serial 5dcf23a50fe84bae978ef1f4b589f9d6 until 2029-03-11T21:38:10Z)\n");
        assertThat(check.uses(serial)).as("another context's line").isFalse();

        Files.writeString(log, "21:38:12.458 INFO  [tls-reload-origin-client] d.c.p.t.ReloadingSslContext - TLS"
                + " origin-client: reloaded from [edge-client.crt, edge-client.key, ca.crt] (now presenting CN=edge serial"
                + " 5dcf23a50fe84bae978ef1f4b589f9d6 until 2029-03-11T21:38:10Z)\n",
                java.nio.file.StandardOpenOption.APPEND);
        assertThat(check.uses(serial)).isTrue();
        assertThat(check.uses(serial.add(BigInteger.ONE))).as("another serial").isFalse();
    }
}
