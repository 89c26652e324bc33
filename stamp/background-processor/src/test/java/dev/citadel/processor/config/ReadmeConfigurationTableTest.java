package dev.citadel.processor.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** The README's configuration table is documentation users rely on: it must list exactly the record's keys. */
class ReadmeConfigurationTableTest {

    private static final Pattern ROW = Pattern.compile("^\\| `(citadel\\.processor\\.[a-z0-9.-]+)` \\|");

    @Test
    void listsEveryKeyOfTheRecordAndNoOther() throws IOException {
        Set<String> documented = new TreeSet<>();
        for (String line : Files.readAllLines(Path.of("README.md"))) {
            Matcher m = ROW.matcher(line);
            if (m.find()) {
                documented.add(m.group(1));
            }
        }

        Set<String> bound = new TreeSet<>();
        collect(ProcessorProperties.class, "citadel.processor", bound);

        assertThat(documented).isEqualTo(bound);
    }

    private static void collect(Class<?> type, String prefix, Set<String> keys) {
        for (RecordComponent component : type.getRecordComponents()) {
            String key = prefix + "." + kebab(component.getName());
            Class<?> componentType = component.getType();
            if (componentType.isRecord() && componentType.getEnclosingClass() == ProcessorProperties.class) {
                collect(componentType, key, keys);
            } else {
                keys.add(key);
            }
        }
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
    }
}
