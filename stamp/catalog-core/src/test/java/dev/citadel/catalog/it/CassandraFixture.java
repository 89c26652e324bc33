package dev.citadel.catalog.it;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.citadel.catalog.schema.Migrations;
import dev.citadel.catalog.schema.SchemaMigrator;
import dev.citadel.catalog.store.CassandraSettings;
import dev.citadel.catalog.store.CatalogSessionFactory;
import dev.citadel.platform.engines.cassandra.CassandraAccess;
import dev.citadel.platform.pki.Secret;
import dev.citadel.testkit.SharedEngines;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The real two-DC Cassandra of the shared test data tier (platform/testkit), seen through catalog-core's own
 * settings and session factory — so every IT also proves TLS, auth and hostname validation work.
 */
final class CassandraFixture {

  /** Generous: the machine is small and shared with other builds. */
  static final Duration TIMEOUT = Duration.ofSeconds(20);

  private CassandraFixture() {}

  static CassandraAccess access() {
    return SharedEngines.get().cassandra();
  }

  static String dc1() {
    return access().dataCenters().get(0);
  }

  static String dc2() {
    List<String> dcs = access().dataCenters();
    return dcs.get(dcs.size() - 1);
  }

  static Map<String, Integer> replication() {
    Map<String, Integer> replication = new LinkedHashMap<>();
    access().dataCenters().forEach(dc -> replication.put(dc, 1));
    return replication;
  }

  static CassandraSettings settings(String dc, String keyspace, String username, Secret password) {
    CassandraAccess access = access();
    List<String> points = access.contactPoints(dc).stream().map(CassandraFixture::hostPort).toList();
    return new CassandraSettings(points, dc, username, password, access.trustStore(), access.trustStorePassword(),
        null, true, TIMEOUT, keyspace);
  }

  static CassandraSettings adminSettings(String dc, String keyspace) {
    return settings(dc, keyspace, access().adminUsername(), access().adminPassword());
  }

  /** An admin session through catalog-core's factory; the caller closes it. */
  static CqlSession adminSession(String dc, String keyspace) {
    return CatalogSessionFactory.create(adminSettings(dc, keyspace));
  }

  static void migrate(CqlSession admin, String keyspace) {
    new SchemaMigrator(admin, keyspace, replication(), Migrations.ALL, TIMEOUT).migrate();
  }

  private static String hostPort(InetSocketAddress address) {
    return address.getHostString() + ":" + address.getPort();
  }
}
