package dev.citadel.edge.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** STYLE §3: the README's configuration table lists exactly the keys of {@link EdgeProperties}. */
class ConfigDocumentationTest {
    private static final Pattern ROW = Pattern.compile("^\\| `([^`]+)` \\|", Pattern.MULTILINE);

    @Test
    void readmeTableMatchesThePropertiesRecord() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        String table = readme.substring(readme.indexOf("## Configuration"), readme.indexOf("## Failure modes"));
        Set<String> documented = new TreeSet<>();
        Matcher m = ROW.matcher(table);
        while (m.find()) {
            documented.add(m.group(1));
        }
        Set<String> keys = new TreeSet<>();
        collect(EdgeProperties.class, "", keys);
        assertThat(documented).isEqualTo(keys);
    }

    private static void collect(Class<?> type, String prefix, Set<String> out) {
        for (RecordComponent c : type.getRecordComponents()) {
            String key = prefix + c.getName();
            Type generic = c.getGenericType();
            if (c.getType().isRecord()) {
                collect(c.getType(), key + ".", out);
            } else if (c.getType() == List.class) {
                Class<?> element = (Class<?>) ((ParameterizedType) generic).getActualTypeArguments()[0];
                if (element.isRecord()) {
                    collect(element, key + "[].", out);
                } else {
                    out.add(key); // a list of scalars, e.g. admin.allowedClients
                }
            } else if (c.getType() == Map.class) {
                out.add(key); // waf / rateLimit: documented in their own section
            } else {
                out.add(key);
            }
        }
    }
}
