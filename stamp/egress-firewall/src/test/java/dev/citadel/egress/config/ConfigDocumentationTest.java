package dev.citadel.egress.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** STYLE §3: the README's configuration table lists exactly the keys of {@link EgressProperties}. */
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
        collect(EgressProperties.class, "", keys);
        assertThat(documented).isEqualTo(keys);
    }

    @Test
    void readmeExampleBindsCleanly() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        int start = readme.indexOf("```yaml\n") + "```yaml\n".length();
        String yaml = readme.substring(start, readme.indexOf("```", start));
        EgressProperties p = EgressConfigLoader.parse(yaml);
        assertThat(p.sources()).isNotEmpty();
    }

    private static void collect(Class<?> type, String prefix, Set<String> out) {
        for (RecordComponent c : type.getRecordComponents()) {
            String key = prefix + c.getName();
            if (c.getType().isRecord()) {
                collect(c.getType(), key + ".", out);
            } else if (c.getType() == List.class
                    && ((ParameterizedType) c.getGenericType()).getActualTypeArguments()[0] instanceof Class<?> e
                    && e.isRecord()) {
                collect(e, key + "[].", out);
            } else {
                out.add(key);
            }
        }
    }
}
