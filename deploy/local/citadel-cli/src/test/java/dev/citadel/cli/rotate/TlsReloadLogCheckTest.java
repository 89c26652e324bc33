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
        Path log = dir.resolve("health-service-region1.log");
        BigInteger serial = new BigInteger("5dcf23a50fe84bae978ef1f4b589f9d6", 16);
        TlsReloadLogCheck check = new TlsReloadLogCheck(log, "scrape-client");
        assertThat(check.uses(serial)).as("no log yet").isFalse();

        Files.writeString(log, "x".repeat(5 * 1024 * 1024) + "\n"
                + "21:38:12.822 INFO  [main] d.c.h.s.OtherContext - TLS management: reloaded from"
                + " [server.crt, server.key] (now presenting CN=scraper.region1 serial 5dcf23a50fe84bae978ef1f4b589f9d6 until 2029-03-11T21:38:10Z)\n");
        assertThat(check.uses(serial)).as("another context's line").isFalse();

        Files.writeString(log, "21:38:12.458 INFO  [signals-1] d.c.h.s.FollowedScrapeTls - TLS"
                + " scrape-client: reloaded from [scrape.crt, scrape.key, ca.crt] (now presenting CN=scraper.region1 serial"
                + " 5dcf23a50fe84bae978ef1f4b589f9d6 until 2029-03-11T21:38:10Z)\n",
                java.nio.file.StandardOpenOption.APPEND);
        assertThat(check.uses(serial)).isTrue();
        assertThat(check.uses(serial.add(BigInteger.ONE))).as("another serial").isFalse();
    }
}
