package dev.citadel.catalog.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** STYLE.md §3: the README's configuration table documents every settings key. */
class ReadmeConfigurationTest {

  @Test
  void readmeDocumentsEveryCassandraSettingsKey() throws IOException {
    String readme = Files.readString(Path.of("README.md"));
    String configuration = readme.substring(readme.indexOf("## Configuration"), readme.indexOf("## Failure modes"));
    Arrays.stream(CassandraSettings.class.getRecordComponents())
        .map(c -> "`" + c.getName() + "`")
        .forEach(key -> assertThat(configuration).as(key).contains(key));
  }
}
