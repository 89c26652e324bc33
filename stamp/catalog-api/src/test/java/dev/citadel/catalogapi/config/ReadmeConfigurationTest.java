package dev.citadel.catalogapi.config;

import java.lang.reflect.Parameter;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.context.properties.bind.DefaultValue;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The README's configuration table and the properties record list exactly the same keys (STYLE.md §3). */
class ReadmeConfigurationTest {

    private static final String PREFIX = "citadel.catalog-api";

    @Test
    void theReadmeDocumentsEveryKeyOfThePropertiesRecordAndNoOther() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        List<String> documented = new ArrayList<>();
        Matcher m = Pattern.compile("^\\| `(citadel\\.catalog-api\\.[a-z0-9.-]+)` \\|", Pattern.MULTILINE)
                .matcher(readme);
        while (m.find()) {
            documented.add(m.group(1));
        }
        assertThat(documented).containsExactlyInAnyOrderElementsOf(keys(PREFIX, CatalogApiProperties.class));
    }

    /**
     * The timeouts' defaults too: citadel-cli's timeout-chain test reads them from the README. (Others, such as
     * the region, are documented with what application.yml puts in front of the code's default.)
     */
    @Test
    void theReadmeStatesEveryDurationDefaultAsTheCodeHasIt() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        Map<String, String> documented = new HashMap<>();
        Matcher m = Pattern.compile("^\\| `(citadel\\.catalog-api\\.[a-z0-9.-]+)` \\| [^|]+ \\| `([^`]*)` \\|",
                Pattern.MULTILINE).matcher(readme);
        while (m.find()) {
            documented.put(m.group(1), m.group(2));
        }
        Map<String, String> defaults = new HashMap<>();
        defaults(PREFIX, CatalogApiProperties.class, defaults);
        assertThat(defaults).isNotEmpty();
        defaults.forEach((key, value) -> assertThat(documented.get(key)).as(key).isEqualTo(value));
    }

    private static void defaults(String prefix, Class<?> type, Map<String, String> out) throws Exception {
        RecordComponent[] components = type.getRecordComponents();
        Parameter[] parameters = type.getDeclaredConstructor(Arrays.stream(components)
                .map(RecordComponent::getType).toArray(Class<?>[]::new)).getParameters();
        for (int i = 0; i < components.length; i++) {
            String key = prefix + "." + kebab(components[i].getName());
            DefaultValue value = parameters[i].getAnnotation(DefaultValue.class);
            if (components[i].getType().isRecord()) {
                defaults(key, components[i].getType(), out);
            } else if (value != null && value.value().length == 1 && components[i].getType() == Duration.class) {
                out.put(key, value.value()[0]);
            }
        }
    }

    private static List<String> keys(String prefix, Class<?> type) {
        List<String> out = new ArrayList<>();
        for (RecordComponent c : type.getRecordComponents()) {
            String key = prefix + "." + kebab(c.getName());
            if (c.getType().isRecord()) {
                out.addAll(keys(key, c.getType()));
            } else {
                out.add(key);
            }
        }
        return out;
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
    }
}
