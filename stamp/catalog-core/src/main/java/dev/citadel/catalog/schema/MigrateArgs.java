package dev.citadel.catalog.schema;

import dev.citadel.catalog.store.CassandraSettings;
import dev.citadel.platform.pki.Secret;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Command line of {@link MigrateMain}, parsed purely (no I/O except reading the named secret files). Every
 * option can also come from an environment variable; options win. Passwords are only ever read from files.
 *
 * @param settings    admin connection settings
 * @param replication replicas per DC for the keyspace
 * @param grants      roles to create and grant
 */
record MigrateArgs(CassandraSettings settings, Map<String, Integer> replication, List<RoleGrant> grants) {

  static final String USAGE = String.join("\n",
      "usage: MigrateMain [options]   (each option also as env CITADEL_CASSANDRA_<OPTION>, e.g. CONTACT_POINTS)",
      "  --contact-points h:p[,h:p]   nodes to dial (required)",
      "  --local-dc NAME              data centre of those nodes (required)",
      "  --username NAME              admin role allowed to create keyspaces/roles (required)",
      "  --password-file PATH         file holding its password (required)",
      "  --truststore PATH            PKCS12/JKS truststore with the cluster CA, with",
      "  --truststore-password-file PATH",
      "  --ca-pem PATH                or a PEM CA file instead of a truststore",
      "  --no-hostname-validation     do not check node certificate SANs (not recommended)",
      "  --keyspace NAME              default " + CassandraSettings.DEFAULT_KEYSPACE,
      "  --replication dc1:3,dc2:3    replicas per DC (required)",
      "  --timeout-seconds N          per-statement timeout, default 10",
      "  --grant-role ROLE:ACCESS[:PASSWORD_FILE]   repeatable; ACCESS = ro|api|processor|health|rw;",
      "                               with a password file the role is created (or its password reset)");

  /** Thrown for bad usage (exit code 2). */
  static final class UsageException extends Exception {
    UsageException(String message) {
      super(message);
    }
  }

  static MigrateArgs parse(String[] argv, Map<String, String> env) throws UsageException {
    Map<String, String> options = new LinkedHashMap<>();
    List<String> grantSpecs = new ArrayList<>();
    for (String name : List.of("contact-points", "local-dc", "username", "password-file", "truststore",
        "truststore-password-file", "ca-pem", "keyspace", "replication", "timeout-seconds")) {
      String value = env.get("CITADEL_CASSANDRA_" + name.toUpperCase().replace('-', '_'));
      if (value != null && !value.isBlank()) {
        options.put(name, value);
      }
    }
    boolean hostnameValidation = !"false".equalsIgnoreCase(env.get("CITADEL_CASSANDRA_HOSTNAME_VALIDATION"));
    for (int i = 0; i < argv.length; i++) {
      String arg = argv[i];
      if (arg.equals("--no-hostname-validation")) {
        hostnameValidation = false;
      } else if (arg.equals("--help") || arg.equals("-h")) {
        throw new UsageException("");
      } else if (arg.startsWith("--") && i + 1 < argv.length) {
        String name = arg.substring(2);
        String value = argv[++i];
        if (name.equals("grant-role")) {
          grantSpecs.add(value);
        } else if (options.containsKey(name) || isKnown(name)) {
          options.put(name, value);
        } else {
          throw new UsageException("unknown option " + arg);
        }
      } else {
        throw new UsageException("unexpected argument " + arg);
      }
    }
    try {
      Duration timeout = Duration.ofSeconds(Long.parseLong(options.getOrDefault("timeout-seconds", "10")));
      CassandraSettings settings = new CassandraSettings(
          Arrays.asList(required(options, "contact-points").split(",")),
          required(options, "local-dc"),
          required(options, "username"),
          readSecret(required(options, "password-file")),
          path(options.get("truststore")),
          options.containsKey("truststore-password-file") ? readSecret(options.get("truststore-password-file")) : null,
          path(options.get("ca-pem")),
          hostnameValidation,
          timeout,
          options.get("keyspace"));
      List<RoleGrant> grants = new ArrayList<>();
      for (String spec : grantSpecs) {
        grants.add(parseGrant(spec));
      }
      return new MigrateArgs(settings, parseReplication(required(options, "replication")), grants);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }

  static Map<String, Integer> parseReplication(String spec) {
    Map<String, Integer> out = new LinkedHashMap<>();
    for (String entry : spec.split(",")) {
      String[] parts = entry.trim().split(":");
      if (parts.length != 2) {
        throw new IllegalArgumentException("replication entries are DC:RF, was " + entry);
      }
      out.put(parts[0], Integer.parseInt(parts[1]));
    }
    return Keyspaces.checkReplication(out);
  }

  static RoleGrant parseGrant(String spec) {
    String[] parts = spec.split(":", 3);
    if (parts.length < 2) {
      throw new IllegalArgumentException("--grant-role is ROLE:ACCESS[:PASSWORD_FILE], was " + spec);
    }
    Secret password = parts.length == 3 ? readSecret(parts[2]) : null;
    return new RoleGrant(parts[0], AccessProfile.parse(parts[1]), password);
  }

  private static boolean isKnown(String name) {
    return List.of("contact-points", "local-dc", "username", "password-file", "truststore",
        "truststore-password-file", "ca-pem", "keyspace", "replication", "timeout-seconds").contains(name);
  }

  private static String required(Map<String, String> options, String name) {
    String value = options.get(name);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("--" + name + " is required");
    }
    return value;
  }

  private static Path path(String value) {
    return value == null || value.isBlank() ? null : Path.of(value);
  }

  /** Reads a key-per-file secret; a trailing newline (editors, echo) is not part of the value. */
  static Secret readSecret(String file) {
    try {
      return Secret.of(Files.readString(Path.of(file), StandardCharsets.UTF_8).strip());
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read secret file " + file + ": " + e.getClass().getSimpleName());
    }
  }
}
