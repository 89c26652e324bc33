package dev.citadel.platform.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretDirectoryTest {

    @TempDir
    Path dir;

    @Test
    void writesEachKeyToItsOwnOwnerOnlyFile() throws Exception {
        SecretDirectory secrets = SecretDirectory.open(dir.resolve("secrets"));

        secrets.write("cassandra-password", Secret.of("s3cret"));

        assertThat(Files.getPosixFilePermissions(dir.resolve("secrets"))).isEqualTo(SecureFiles.OWNER_ONLY_DIR);
        Path file = dir.resolve("secrets/cassandra-password");
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(SecureFiles.OWNER_ONLY_FILE);
        assertThat(Files.readString(file)).isEqualTo("s3cret");
        try (var listing = Files.list(dir.resolve("secrets"))) {
            assertThat(listing).as("no temp file left behind").containsExactly(file);
        }
    }

    @Test
    void reloadsWhatAnEarlierInstanceWrote() {
        Secret created = SecretDirectory.open(dir).getOrGeneratePassword("admin");

        Secret reloaded = SecretDirectory.open(dir).getOrGeneratePassword("admin");

        assertThat(reloaded).isEqualTo(created);
        assertThat(SecretDirectory.open(dir).read("missing")).isEmpty();
    }

    @Test
    void refusesKeysThatCouldEscapeTheDirectory() {
        SecretDirectory secrets = SecretDirectory.open(dir);

        assertThatThrownBy(() -> secrets.write("../x", Secret.of("v"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> secrets.write("a/b", Secret.of("v"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void secretNeverShowsItsValueInToString() {
        Secret secret = Secret.of("topsecret");

        assertThat(secret).hasToString("[hidden]");
        assertThat("user " + secret).doesNotContain("topsecret");
        assertThat(secret.matches("topsecret")).isTrue();
        assertThat(secret.matches("other")).isFalse();
    }

    @Test
    void generatedPasswordsAreUrlSafeAndDistinct() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            String p = Passwords.generate().reveal();
            assertThat(p).matches("[A-Za-z0-9_-]{32}");
            seen.add(p);
        }
        assertThat(seen).hasSize(200);
    }
}
