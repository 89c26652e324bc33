package dev.citadel.catalog.store;

import dev.citadel.platform.pki.Secret;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Plain settings for a Cassandra connection; services bind their own properties records and convert to this.
 * TLS is always on: one of {@code truststore} (PKCS12/JKS + password) or {@code caCertificatePem} is required.
 *
 * @param contactPoints      {@code host:port} entries of nodes in (preferably) the local DC
 * @param localDc            the data centre this process reads and writes in (LOCAL_QUORUM)
 * @param username           the service's own role
 * @param password           its password
 * @param truststore         PKCS12 or JKS truststore holding the cluster's CA, or {@code null}
 * @param truststorePassword password of {@code truststore}, or {@code null}
 * @param caCertificatePem   PEM file with the CA certificate(s), used when no truststore is given
 * @param hostnameValidation check the node certificate's SAN against the address dialled (on by default)
 * @param requestTimeout     client-side timeout of every statement
 * @param keyspace           the catalog keyspace
 * @param passwordFile       the secret file {@code password} came from, or {@code null}: when set, every new
 *                           connection reads the password from it (see {@link FollowedPasswordAuthProvider})
 */
public record CassandraSettings(
    List<String> contactPoints,
    String localDc,
    String username,
    Secret password,
    Path truststore,
    Secret truststorePassword,
    Path caCertificatePem,
    boolean hostnameValidation,
    Duration requestTimeout,
    String keyspace,
    Path passwordFile) {

  public static final String DEFAULT_KEYSPACE = "citadel_catalog";
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(2);

  /** CQL identifiers we are willing to splice into statements (keyspace, role names). */
  static final Pattern IDENTIFIER = Pattern.compile("[a-z][a-z0-9_]{0,47}");

  public CassandraSettings {
    Objects.requireNonNull(contactPoints, "contactPoints");
    if (contactPoints.isEmpty()) {
      throw new IllegalArgumentException("contactPoints must list at least one host:port");
    }
    contactPoints = List.copyOf(contactPoints);
    contactPoints.forEach(ContactPoints::parse);
    require(localDc, "localDc");
    require(username, "username");
    Objects.requireNonNull(password, "password");
    if (truststore == null && caCertificatePem == null) {
      throw new IllegalArgumentException("TLS is mandatory: set truststore or caCertificatePem");
    }
    if (truststore != null && truststorePassword == null) {
      throw new IllegalArgumentException("truststorePassword is required with truststore " + truststore);
    }
    requestTimeout = requestTimeout == null ? DEFAULT_REQUEST_TIMEOUT : requestTimeout;
    if (requestTimeout.isNegative() || requestTimeout.isZero()) {
      throw new IllegalArgumentException("requestTimeout must be positive, was " + requestTimeout);
    }
    keyspace = keyspace == null ? DEFAULT_KEYSPACE : keyspace;
    if (!IDENTIFIER.matcher(keyspace).matches()) {
      throw new IllegalArgumentException("keyspace must match " + IDENTIFIER + ", was " + keyspace);
    }
  }

  /** Without a password file: the password is the bound value for good. */
  public CassandraSettings(List<String> contactPoints, String localDc, String username, Secret password,
      Path truststore, Secret truststorePassword, Path caCertificatePem, boolean hostnameValidation,
      Duration requestTimeout, String keyspace) {
    this(contactPoints, localDc, username, password, truststore, truststorePassword, caCertificatePem,
        hostnameValidation, requestTimeout, keyspace, null);
  }

  /** The same settings, the password following {@code file} (null or blank: none). */
  public CassandraSettings withPasswordFile(Path file) {
    return new CassandraSettings(contactPoints, localDc, username, password, truststore, truststorePassword,
        caCertificatePem, hostnameValidation, requestTimeout, keyspace, file);
  }

  private static void require(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
  }
}
