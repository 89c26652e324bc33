package dev.citadel.health.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.citadel.health.config.HealthProperties;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The Prometheus alerting rules in deploy/k8s/alerts carry this service's health-model thresholds: each rule labelled
 * {@code health_signal}/{@code health_level} compares with exactly the default of
 * {@code citadel.health.model.<signal>.<level>}, and every signal the model has a metric series for has both levels.
 * Then Prometheus's own tools check and unit-test the rules, and check the Alertmanager routing.
 */
class AlertRulesTest {

    static final Path ALERTS = Path.of("..", "..", "deploy", "k8s", "alerts").toAbsolutePath().normalize();
    /** Measured inside health-service's database check only: no series exists for Prometheus to alert on. */
    static final String NO_SERIES = "database-latency-ms";
    private static final Pattern THRESHOLD = Pattern.compile(">=\\s*([0-9.]+)\\s*$");

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> rules() throws IOException {
        Map<String, Object> file = new Yaml().load(Files.readString(ALERTS.resolve("alerts.yaml")));
        List<Map<String, Object>> rules = new ArrayList<>();
        for (Map<String, Object> group : (List<Map<String, Object>>) file.get("groups")) {
            rules.addAll((List<Map<String, Object>>) group.get("rules"));
        }
        return rules;
    }

    /** Every threshold of the model's defaults: "api-failures-per-minute/yellow" → 10. */
    private static Map<String, Double> modelDefaults() throws ReflectiveOperationException {
        HealthProperties.Model model = new HealthProperties.Model(Duration.ofMinutes(1), null, null, null, null, null,
                null, null, null);
        Map<String, Double> thresholds = new TreeMap<>();
        for (RecordComponent c : HealthProperties.Model.class.getRecordComponents()) {
            if (c.getType() == HealthProperties.Threshold.class) {
                HealthProperties.Threshold t = (HealthProperties.Threshold) c.getAccessor().invoke(model);
                String key = c.getName().replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
                thresholds.put(key + "/yellow", t.yellow());
                thresholds.put(key + "/red", t.red());
            }
        }
        return thresholds;
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyRuleCarriesTheModelsThresholdAndEverySignalWithASeriesHasBothLevels() throws Exception {
        Map<String, Double> defaults = modelDefaults();
        Map<String, Double> inRules = new TreeMap<>();
        for (Map<String, Object> rule : rules()) {
            Map<String, Object> labels = (Map<String, Object>) rule.get("labels");
            if (labels == null || !labels.containsKey("health_signal")) {
                continue;
            }
            String key = labels.get("health_signal") + "/" + labels.get("health_level");
            Matcher m = THRESHOLD.matcher((String) rule.get("expr"));
            assertThat(m.find()).as(key + ": the expression ends in `>= <threshold>`").isTrue();
            assertThat(inRules.put(key, Double.parseDouble(m.group(1)))).as(key + " appears once").isNull();
            assertThat(labels.get("severity")).as(key)
                    .isEqualTo(labels.get("health_level").equals("red") ? "critical" : "warning");
        }
        Map<String, Double> expected = new TreeMap<>(defaults);
        expected.keySet().removeIf(k -> k.startsWith(NO_SERIES + "/"));
        assertThat(inRules).isEqualTo(expected);
        assertThat(new TreeSet<>(defaults.keySet())).contains(NO_SERIES + "/yellow");
    }

    private static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).directory(ALERTS.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", command) + ":\n" + out).isZero();
        return out;
    }

    private static void requireTool(String tool, String debianPackage) {
        boolean present = Stream.of(System.getenv("PATH").split(java.io.File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, tool)));
        Assumptions.assumeTrue(present, tool + " not installed (Debian package " + debianPackage
                + ", installed by .ci/install-prerequisites)");
    }

    @Test
    void promtoolAcceptsAndUnitTestsTheRules() throws Exception {
        requireTool("promtool", "prometheus");
        assertThat(run("promtool", "check", "rules", "alerts.yaml")).contains("SUCCESS");
        assertThat(run("promtool", "test", "rules", "alerts.test.yaml")).contains("SUCCESS");
    }

    @Test
    void alertmanagerRoutesRedToThePagerAndYellowToTheQueue() throws Exception {
        requireTool("amtool", "prometheus-alertmanager");
        assertThat(run("amtool", "check-config", "alertmanager.yaml")).contains("SUCCESS");
        assertThat(run("amtool", "config", "routes", "test", "--config.file=alertmanager.yaml",
                "severity=critical", "alertname=CatalogApiSlow", "namespace=citadel-region1").strip())
                .endsWith("citadel-pager");
        assertThat(run("amtool", "config", "routes", "test", "--config.file=alertmanager.yaml",
                "severity=warning", "alertname=CatalogApiSlow", "namespace=citadel-region1").strip())
                .endsWith("citadel-queue");
    }
}
