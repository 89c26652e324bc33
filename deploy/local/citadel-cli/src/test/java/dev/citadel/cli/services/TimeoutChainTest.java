package dev.citadel.cli.services;

import static org.assertj.core.api.Assertions.assertThat;

import dev.citadel.edge.config.EdgeConfigLoader;
import dev.citadel.edge.config.EdgeProperties;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.nio.file.Files;
import org.junit.jupiter.api.io.TempDir;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The timeouts of what {@code up} starts are ordered from the outside in: the edge's try (and its whole request)
 * outlasts catalog-api's request deadline, which outlasts every Cassandra and Kafka client timeout of the service. If
 * an inner bound were longer, a slow dependency would reach the client as an edge 504 while the service may still
 * write, instead of the service's own 503 + Retry-After. catalog-api's values are its README defaults (which its
 * ReadmeConfigurationTest holds equal to the code's) unless the rendered command line sets them.
 */
class TimeoutChainTest {

    private static final Path CATALOG_API_README = Path.of("../../../stamp/catalog-api/README.md");
    /** Edge ↔ service network, queueing and writing the answer: what the try must leave beyond the deadline. */
    private static final Duration TRANSPORT_MARGIN = Duration.ofMillis(500);
    private static final String PREFIX = "citadel.catalog-api.";

    @Test
    void theEdgeOutlastsTheServicesDeadlineWhichOutlastsEveryClientTimeoutBelowIt(@TempDir Path run) throws Exception {
        RunLayout edgeLayout = new RunLayout(run);
        for (var region : ServiceCommandLinesTest.TOPOLOGY.regions()) {
            // The edge reads every origin's id file when its configuration is parsed.
            Path id = edgeLayout.edgeIdFile(region.name());
            Files.createDirectories(id.getParent());
            Files.writeString(id, "edge-id-of-" + region.name());
            Files.setPosixFilePermissions(id, PosixFilePermissions.fromString("rw-------"));
        }
        EdgeProperties edge = EdgeConfigLoader.parse(EdgeConfig.render(ServiceCommandLinesTest.TOPOLOGY, edgeLayout));
        Duration tryTimeout = Duration.ofMillis(edge.timeouts().tryMs());
        Duration overall = Duration.ofMillis(edge.timeouts().overallMs());

        for (var region : ServiceCommandLinesTest.TOPOLOGY.regions()) {
            Map<String, Duration> api = catalogApiTimeouts(ServiceCommandLines.argv("java", Path.of("/h/x.jar"),
                    ServiceKind.CATALOG_API, region, ServiceCommandLinesTest.TOPOLOGY, ServiceCommandLinesTest.LAYOUT));
            Duration deadline = api.get("limits.request-deadline");

            assertThat(overall).as("the edge's whole request holds a try and its retry on the other stamp")
                    .isGreaterThanOrEqualTo(tryTimeout.multipliedBy(2));
            assertThat(tryTimeout).as("edge per-try timeout vs catalog-api request deadline (%s)", region.name())
                    .isGreaterThanOrEqualTo(deadline.plus(TRANSPORT_MARGIN));
            for (String inner : List.of("cassandra.request-timeout", "kafka.ack-timeout", "kafka.max-block",
                    "kafka.request-timeout", "kafka.delivery-timeout")) {
                assertThat(api.get(inner)).as("%s%s vs the request deadline (%s)", PREFIX, inner, region.name())
                        .isNotNull().isLessThan(deadline);
            }
        }
    }

    /** README defaults of catalog-api's Duration keys, overridden by {@code --citadel.catalog-api.KEY=VALUE}. */
    private static Map<String, Duration> catalogApiTimeouts(List<String> argv) throws Exception {
        Map<String, Duration> out = new LinkedHashMap<>();
        Matcher row = Pattern.compile("^\\| `citadel\\.catalog-api\\.([a-z0-9.-]+)` \\| Duration \\| `([^`]+)` \\|",
                Pattern.MULTILINE).matcher(Files.readString(CATALOG_API_README));
        while (row.find()) {
            out.put(row.group(1), duration(row.group(2)));
        }
        for (String arg : argv) {
            if (arg.startsWith("--" + PREFIX) && arg.contains("=")) {
                String key = arg.substring(2 + PREFIX.length(), arg.indexOf('='));
                if (out.containsKey(key)) {
                    out.put(key, duration(arg.substring(arg.indexOf('=') + 1)));
                }
            }
        }
        return out;
    }

    /** Spring Boot's simple duration style: a number and ms, s, m, h or d. */
    private static Duration duration(String value) {
        Matcher m = Pattern.compile("(\\d+)(ms|s|m|h|d)").matcher(value.strip());
        assertThat(m.matches()).as("a duration: %s", value).isTrue();
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }
}
