package dev.citadel.catalog.store;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.auth.AuthenticationException;
import com.datastax.oss.driver.api.core.metadata.NodeStateListener;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.ssl.ProgrammaticSslEngineFactory;
import dev.citadel.catalog.error.FatalException;
import dev.citadel.platform.pki.FollowedPassword;
import dev.citadel.platform.pki.Secret;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Builds a {@link CqlSession} from {@link CassandraSettings}: TLS always on, password auth (the password read from its
 * secret file at every new connection when the settings name one), LOCAL_QUORUM by default,
 * idempotent-by-default statements (every catalog write is), bounded timeouts. The session has no default
 * keyspace: the store qualifies every table, so one session can also run migrations.
 */
public final class CatalogSessionFactory {

  private CatalogSessionFactory() {}

  /** Connects; failures come back as {@link dev.citadel.catalog.error.CitadelException}s. */
  public static CqlSession create(CassandraSettings settings) {
    return create(settings, settings.username(), settings.password(), settings.passwordFile(), null);
  }

  /**
   * Same, with a listener told of node state changes as the driver sees them (a node going down is known within
   * milliseconds of its connections closing, long before the next health round).
   */
  public static CqlSession create(CassandraSettings settings, NodeStateListener listener) {
    return create(settings, settings.username(), settings.password(), settings.passwordFile(), listener);
  }

  /** Same cluster and TLS, another role (e.g. the admin role of a migration step). */
  public static CqlSession create(CassandraSettings settings, String username, Secret password) {
    return create(settings, username, password, null, null);
  }

  private static CqlSession create(CassandraSettings settings, String username, Secret password,
      java.nio.file.Path passwordFile, NodeStateListener listener) {
    SSLContext tls = sslContext(settings);
    Duration timeout = settings.requestTimeout();
    DriverConfigLoader config = DriverConfigLoader.programmaticBuilder()
        .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, timeout)
        .withString(DefaultDriverOption.REQUEST_CONSISTENCY, "LOCAL_QUORUM")
        .withString(DefaultDriverOption.REQUEST_SERIAL_CONSISTENCY, "LOCAL_SERIAL")
        .withBoolean(DefaultDriverOption.REQUEST_DEFAULT_IDEMPOTENCE, true)
        // Schema changes wait for every node to agree; on a busy laptop that takes longer than the 10 s default.
        .withDuration(DefaultDriverOption.CONTROL_CONNECTION_AGREEMENT_TIMEOUT, Duration.ofSeconds(30))
        .withDuration(DefaultDriverOption.CONNECTION_INIT_QUERY_TIMEOUT, timeout.plusSeconds(3))
        .withDuration(DefaultDriverOption.CONNECTION_CONNECT_TIMEOUT, Duration.ofSeconds(5))
        .withDuration(DefaultDriverOption.CONTROL_CONNECTION_TIMEOUT, timeout.plusSeconds(3))
        .withDuration(DefaultDriverOption.METADATA_SCHEMA_REQUEST_TIMEOUT, timeout.plusSeconds(8))
        // Never route to a remote DC: a region that loses its DC must fail (and be taken out by health), not
        // silently read another region's replicas at LOCAL_QUORUM semantics it does not have.
        .withInt(DefaultDriverOption.LOAD_BALANCING_DC_FAILOVER_MAX_NODES_PER_REMOTE_DC, 0)
        // A restarted node is back in use within seconds: the default backoff grows to 60 s, so a stamp whose node
        // was down a minute would pass its health checks (fresh sessions) yet keep failing requests for up to a
        // minute more. One connection attempt every few seconds to a down node costs nothing.
        .withDuration(DefaultDriverOption.RECONNECTION_MAX_DELAY, Duration.ofSeconds(4))
        .build();
    FollowedPassword followed = new FollowedPassword(password, passwordFile);
    for (int attempt = 1; ; attempt++) {
      try {
        return CqlSession.builder()
            .withConfigLoader(config)
            .addContactPoints(ContactPoints.resolveAll(settings.contactPoints()))
            .withLocalDatacenter(settings.localDc())
            .withAuthProvider(new FollowedPasswordAuthProvider(username, followed))
            .withSslEngineFactory(new ProgrammaticSslEngineFactory(tls, null, settings.hostnameValidation()))
            .withNodeStateListener(listener)
            .build();
      } catch (RuntimeException e) {
        // While a rotation is under way the file lists two passwords and a node may take only one of them: the
        // provider noted the refusal and offers the other one to the same node next time.
        if (attempt == 1 && passwordFile != null && followed.current().size() > 1 && refusedLogin(e)) {
          continue;
        }
        throw DriverErrors.translate("connect to " + settings.contactPoints(), e);
      }
    }
  }

  private static boolean refusedLogin(Throwable e) {
    if (e instanceof AuthenticationException) {
      return true;
    }
    if (e instanceof AllNodesFailedException all) {
      return all.getAllErrors().values().stream().flatMap(List::stream).anyMatch(t -> t instanceof AuthenticationException);
    }
    return false;
  }

  static SSLContext sslContext(CassandraSettings settings) {
    try {
      KeyStore trust = settings.truststore() != null
          ? loadTruststore(settings.truststore(), settings.truststorePassword())
          : loadPem(settings.caCertificatePem());
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, tmf.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException | IOException e) {
      // Path only: never the password.
      throw new FatalException("cannot load Cassandra trust material from "
          + (settings.truststore() != null ? settings.truststore() : settings.caCertificatePem()), e);
    }
  }

  private static KeyStore loadTruststore(Path path, Secret password) throws GeneralSecurityException, IOException {
    // PKCS12 keystores also read JKS files (keystore.type.compat), so one type covers both.
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(path)) {
      store.load(in, password.revealChars());
    }
    return store;
  }

  private static KeyStore loadPem(Path pem) throws GeneralSecurityException, IOException {
    KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    store.load(null, null);
    CertificateFactory factory = CertificateFactory.getInstance("X.509");
    int i = 0;
    try (InputStream in = Files.newInputStream(pem)) {
      for (Certificate cert : factory.generateCertificates(in)) {
        store.setCertificateEntry("ca-" + i++, cert);
      }
    }
    if (i == 0) {
      throw new GeneralSecurityException("no certificate in " + pem);
    }
    return store;
  }
}
