package dev.citadel.servicedefaults;

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

    @Test
    void theReadmeDocumentsEveryKeyOfThePropertiesRecordAndNoOther() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        List<String> documented = new ArrayList<>();
        Matcher m = Pattern.compile("^\\| `(citadel\\.[a-z0-9.-]+)` \\|", Pattern.MULTILINE).matcher(readme);
        while (m.find()) {
            documented.add(m.group(1));
        }
        assertThat(documented).containsExactlyInAnyOrderElementsOf(keys("citadel", ServiceDefaultsProperties.class));
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
