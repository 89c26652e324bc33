package dev.citadel.catalog.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrateArgsTest {

  @TempDir
  Path dir;

  private Path secret(String name, String value) throws IOException {
    return Files.writeString(dir.resolve(name), value + "\n");
  }

  @Test
  void parsesOptionsAndReadsPasswordsFromFiles() throws Exception {
    Path pw = secret("pw", "s3cret");
    Path apiPw = secret("api", "api-pw");
    MigrateArgs args = MigrateArgs.parse(new String[] {
        "--contact-points", "127.0.0.1:9042,127.0.0.2:9042", "--local-dc", "dc1", "--username", "admin",
        "--password-file", pw.toString(), "--ca-pem", "/tmp/ca.pem", "--replication", "dc1:1,dc2:1",
        "--grant-role", "catalog_api:api:" + apiPw, "--grant-role", "background_processor:processor"}, Map.of());
    assertThat(args.settings().contactPoints()).containsExactly("127.0.0.1:9042", "127.0.0.2:9042");
    assertThat(args.settings().password().reveal()).isEqualTo("s3cret");
    assertThat(args.settings().keyspace()).isEqualTo("citadel_catalog");
    assertThat(args.settings().hostnameValidation()).isTrue();
    assertThat(args.replication()).containsEntry("dc1", 1).containsEntry("dc2", 1);
    assertThat(args.grants()).hasSize(2);
    assertThat(args.grants().get(0).password().reveal()).isEqualTo("api-pw");
    assertThat(args.grants().get(1).password()).isNull();
    assertThat(args.grants().get(1).access()).isEqualTo(AccessProfile.PROCESSOR);
  }

  @Test
  void takesSettingsFromTheEnvironmentWhenNoOptionGivesThem() throws Exception {
    Path pw = secret("pw", "x");
    MigrateArgs args = MigrateArgs.parse(new String[] {"--keyspace", "other"}, Map.of(
        "CITADEL_CASSANDRA_CONTACT_POINTS", "10.0.0.1:9042", "CITADEL_CASSANDRA_LOCAL_DC", "dc9",
        "CITADEL_CASSANDRA_USERNAME", "admin", "CITADEL_CASSANDRA_PASSWORD_FILE", pw.toString(),
        "CITADEL_CASSANDRA_CA_PEM", "/ca.pem", "CITADEL_CASSANDRA_REPLICATION", "dc9:3",
        "CITADEL_CASSANDRA_KEYSPACE", "ignored"));
    assertThat(args.settings().localDc()).isEqualTo("dc9");
    assertThat(args.settings().keyspace()).isEqualTo("other");
  }

  @Test
  void refusesMissingRequiredSettingsAndMissingTls() throws Exception {
    Path pw = secret("pw", "x");
    assertThatThrownBy(() -> MigrateArgs.parse(new String[] {"--local-dc", "dc1"}, Map.of()))
        .isInstanceOf(MigrateArgs.UsageException.class).hasMessageContaining("contact-points");
    assertThatThrownBy(() -> MigrateArgs.parse(new String[] {"--contact-points", "h:1", "--local-dc", "dc1",
        "--username", "a", "--password-file", pw.toString(), "--replication", "dc1:1"}, Map.of()))
        .isInstanceOf(MigrateArgs.UsageException.class).hasMessageContaining("TLS");
  }

  @Test
  void refusesBadGrantSpecsAndUnknownOptions() {
    assertThatThrownBy(() -> MigrateArgs.parseGrant("justarole")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> MigrateArgs.parseGrant("Bad-Role:ro")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> MigrateArgs.parse(new String[] {"--frobnicate", "1"}, Map.of()))
        .isInstanceOf(MigrateArgs.UsageException.class);
  }

  @Test
  void exitsTwoOnUsageErrorsWithoutTouchingTheNetwork() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = MigrateMain.run(new String[] {"--bogus"}, Map.of(), new PrintStream(new ByteArrayOutputStream()),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(code).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: MigrateMain");
  }

  @Test
  void unreadableSecretFileIsAUsageErrorThatDoesNotLeakContent() {
    assertThatThrownBy(() -> MigrateArgs.readSecret(dir.resolve("missing").toString()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot read secret file");
  }
}
