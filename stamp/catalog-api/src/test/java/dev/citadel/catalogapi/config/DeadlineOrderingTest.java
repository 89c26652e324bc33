package dev.citadel.catalogapi.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * catalog-api answers a write before the edge gives up on the try, so the client's answer says what happened: the
 * defaults of both sides (read from the edge's own source and README, and from the CLI that renders the edge's
 * config) keep write deadline + outcome recording + margin within the edge's per-try timeout.
 */
class DeadlineOrderingTest {

    private static final Path EDGE = Path.of("../../global/edge-gateway");

    @Test
    void theDefaultWriteDeadlineEndsWithAMarginBeforeTheEdgesDefaultTryTimeout() throws Exception {
        CatalogApiProperties defaults = defaults(Map.of());
        Duration edgeTry = Duration.ofMillis(edgeTryMsDefault());

        assertThat(defaults.limits().edgeTryTimeout()).as("catalog-api's idea of the edge's try timeout")
                .isEqualTo(edgeTry);
        Duration answeredBy = defaults.limits().writeDeadline().plus(defaults.idempotency().recordTimeout());
        assertThat(answeredBy.plus(CatalogApiProperties.EDGE_MARGIN)).isLessThanOrEqualTo(edgeTry);
        assertThat(defaults.idempotency().lease()).isGreaterThan(answeredBy);
    }

    @Test
    void theLocalTopologyKeepsTheEdgesDefaultTimeouts() throws Exception {
        String edgeConfig = Files.readString(Path.of(
                "../../deploy/local/citadel-cli/src/main/java/dev/citadel/cli/services/EdgeConfig.java"));
        assertThat(edgeConfig).as("the CLI renders edge.yaml; a timeouts: section there must be checked here too")
                .doesNotContain("timeouts").doesNotContain("tryMs");
    }

    @Test
    void startupRefusesAWriteDeadlineThatDoesNotFitTheEdgesTry() {
        assertThatThrownBy(() -> defaults(Map.of("citadel.catalog-api.limits.write-deadline", "4700ms")))
                .hasStackTraceContaining("citadel.catalog-api.limits.write-deadline")
                .hasStackTraceContaining("edge-try-timeout");
        assertThatThrownBy(() -> defaults(Map.of("citadel.catalog-api.idempotency.lease", "3s")))
                .hasStackTraceContaining("citadel.catalog-api.idempotency.lease");
        assertThat(defaults(Map.of("citadel.catalog-api.limits.write-deadline", "20s",
                "citadel.catalog-api.limits.edge-try-timeout", "30s", "citadel.catalog-api.idempotency.lease", "40s"))
                .limits().writeDeadline()).isEqualTo(Duration.ofSeconds(20));
    }

    private static CatalogApiProperties defaults(Map<String, String> overrides) {
        return new Binder(new MapConfigurationPropertySource(overrides))
                .bindOrCreate("citadel.catalog-api", CatalogApiProperties.class);
    }

    /** The edge's default {@code timeouts.tryMs}: in its config loader, and the same in its README table. */
    private static long edgeTryMsDefault() throws Exception {
        String loader = Files.readString(EDGE.resolve(
                "src/main/java/dev/citadel/edge/config/EdgeConfigLoader.java"));
        Matcher code = Pattern.compile("integer\\(\"tryMs\", ([0-9_]+)").matcher(loader);
        assertThat(code.find()).as("tryMs default in EdgeConfigLoader").isTrue();
        long fromCode = Long.parseLong(code.group(1).replace("_", ""));
        Matcher doc = Pattern.compile("\\| `timeouts\\.tryMs` \\| int \\| `([0-9]+)` \\|")
                .matcher(Files.readString(EDGE.resolve("README.md")));
        assertThat(doc.find()).as("tryMs row in the edge README").isTrue();
        assertThat(Long.parseLong(doc.group(1))).isEqualTo(fromCode);
        return fromCode;
    }
}
