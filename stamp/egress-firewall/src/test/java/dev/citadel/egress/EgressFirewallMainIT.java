package dev.citadel.egress;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The shaded jar as the lead's {@code citadel up} starts it: bad configuration exits 2, SIGTERM stops it cleanly. */
class EgressFirewallMainIT {
    private static final Path JAR = Path.of("target/egress-firewall.jar");
    private static final Pattern LISTENING = Pattern.compile("listening: proxy (\\d+), management (\\d+)");

    private static Process start(Path config) throws Exception {
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                JAR.toString(), "--config", config.toString()).redirectErrorStream(true).start();
    }

    @Test
    void exitsWithCode2NamingTheKeyOfABadConfiguration() throws Exception {
        EgressFixture fx = new EgressFixture();
        Path config = fx.dir.resolve("bad.yaml");
        Files.writeString(config, fx.yaml(1, 2, 3, 4).replace("maxConnections: 64", "maxConections: 64"));
        Process p = start(config);
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(2);
        assertThat(out).contains("bad configuration: limits.maxConections: unknown key");
        fx.delete();
    }

    @Test
    void stopsGracefullyOnSigterm() throws Exception {
        EgressFixture fx = new EgressFixture();
        Path config = fx.dir.resolve("egress.yaml");
        Files.writeString(config, fx.yaml(1, 2, 3, 4));
        Process p = start(config);
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line;
        boolean listening = false;
        while (!listening && (line = out.readLine()) != null) {
            listening = LISTENING.matcher(line).find();
        }
        assertThat(listening).as("start-up line naming both ports").isTrue();
        p.toHandle().destroy(); // SIGTERM; Process.destroy() would also close our end of its output
        StringBuilder rest = new StringBuilder();
        while ((line = out.readLine()) != null) {
            rest.append(line).append('\n');
        }
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(rest).contains("egress firewall for stamp region1 stopped");
        fx.delete();
    }
}
