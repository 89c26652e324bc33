package dev.citadel.egress.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.citadel.egress.config.ConfigException;
import dev.citadel.egress.config.EgressProperties.Source;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceCredentialsTest {
    private final SourceCredentials credentials = SourceCredentials.of(Map.of("catalog-api", "s3cret:with-colon"));

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void acceptsTheRightPasswordForTheSource() {
        assertThat(credentials.authenticate(basic("catalog-api", "s3cret:with-colon"))).contains("catalog-api");
        assertThat(credentials.authenticate("basic " + basic("catalog-api", "s3cret:with-colon").substring(6)))
                .contains("catalog-api");
    }

    @Test
    void refusesWrongPasswordsUnknownSourcesAndMalformedHeaders() {
        assertThat(credentials.authenticate(basic("catalog-api", "s3cret"))).isEmpty();
        assertThat(credentials.authenticate(basic("catalog-api", ""))).isEmpty();
        assertThat(credentials.authenticate(basic("other", "s3cret:with-colon"))).isEmpty();
        assertThat(credentials.authenticate(basic("", "s3cret:with-colon"))).isEmpty();
        assertThat(credentials.authenticate("Bearer abc")).isEmpty();
        assertThat(credentials.authenticate("Basic !!!not-base64")).isEmpty();
        assertThat(credentials.authenticate("Basic " + Base64.getEncoder().encodeToString("nocolon".getBytes())))
                .isEmpty();
        assertThat(credentials.authenticate(null)).isEmpty();
    }

    @Test
    void readsOwnerOnlyPasswordFilesWithoutTheTrailingNewline(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("pw");
        Files.writeString(file, "from-file\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        SourceCredentials loaded = SourceCredentials.load(List.of(new Source("catalog-api", file, List.of())));
        assertThat(loaded.authenticate(basic("catalog-api", "from-file"))).contains("catalog-api");
    }

    @Test
    void refusesAPasswordFileOthersCanRead(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("pw");
        Files.writeString(file, "from-file\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> SourceCredentials.load(List.of(new Source("catalog-api", file, List.of()))))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("sources[0].passwordFile:")
                .hasMessageContaining("0600").hasMessageNotContaining("from-file");
    }

    @Test
    void namesAMissingPasswordFile(@TempDir Path dir) {
        assertThatThrownBy(() -> SourceCredentials.load(List.of(new Source("a", dir.resolve("nope"), List.of()))))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("sources[0].passwordFile: cannot read");
    }
}
