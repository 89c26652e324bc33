package dev.citadel.catalog.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.datastax.oss.driver.api.core.CqlIdentifier;
import com.datastax.oss.driver.api.core.CqlSession;
import dev.citadel.catalog.domain.CatalogItem;
import dev.citadel.catalog.domain.Comment;
import dev.citadel.catalog.error.FatalException;
import dev.citadel.catalog.schema.AccessProfile;
import dev.citadel.catalog.schema.Migration;
import dev.citadel.catalog.schema.MigrationReport;
import dev.citadel.catalog.schema.Migrations;
import dev.citadel.catalog.schema.RoleGrant;
import dev.citadel.catalog.schema.RoleProvisioner;
import dev.citadel.catalog.schema.SchemaMigrator;
import dev.citadel.catalog.store.CatalogSessionFactory;
import dev.citadel.catalog.store.CatalogStore;
import dev.citadel.platform.pki.Secret;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SchemaMigratorIT {

  /** Every version of the schema, in order: each applied exactly once. */
  private static final List<Integer> VERSIONS = Migrations.ALL.stream().map(Migration::version).toList();

  @Test
  void migratingTwiceAppliesEachVersionOnceAndLeavesTheSchemaUsable() {
    String keyspace = "core_it_twice";
    try (CqlSession admin = CassandraFixture.adminSession(CassandraFixture.dc1(), keyspace)) {
      SchemaMigrator migrator = new SchemaMigrator(admin, keyspace, CassandraFixture.replication(), Migrations.ALL,
          CassandraFixture.TIMEOUT);
      MigrationReport first = migrator.migrate();
      MigrationReport second = migrator.migrate();

      assertThat(first.applied()).containsExactlyElementsOf(VERSIONS);
      assertThat(second.applied()).isEmpty();
      assertThat(second.currentVersion()).isEqualTo(Migrations.ALL.size());
      assertThat(migrator.appliedVersions()).containsExactlyInAnyOrderElementsOf(VERSIONS);
      assertThat(admin.getMetadata().getKeyspace(keyspace).orElseThrow().getTable("ratings_by_item").orElseThrow()
          .getOptions().get(CqlIdentifier.fromInternal("gc_grace_seconds"))).isEqualTo(10800);
      assertThat(admin.getMetadata().getKeyspace(keyspace).orElseThrow().getTables().keySet())
          .extracting(Object::toString)
          .contains("items", "items_by_name", "comments_by_item", "comments_by_id", "ratings_by_item", "images",
              "schema_version", "schema_lock");
      assertThat(admin.getMetadata().getKeyspace(keyspace).orElseThrow().getReplication())
          .containsEntry(CassandraFixture.dc1(), "1").containsEntry(CassandraFixture.dc2(), "1");
    }
  }

  @Test
  void twoMigratorsStartedAtOnceInTwoDataCentresApplyEachVersionExactlyOnce() throws Exception {
    String keyspace = "core_it_race";
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try (CqlSession viaDc1 = CassandraFixture.adminSession(CassandraFixture.dc1(), keyspace);
         CqlSession viaDc2 = CassandraFixture.adminSession(CassandraFixture.dc2(), keyspace)) {
      CountDownLatch start = new CountDownLatch(1);
      List<CompletableFuture<MigrationReport>> runs = new ArrayList<>();
      for (CqlSession session : List.of(viaDc1, viaDc2)) {
        runs.add(CompletableFuture.supplyAsync(() -> {
          awaitQuietly(start);
          return new SchemaMigrator(session, keyspace, CassandraFixture.replication(), Migrations.ALL,
              CassandraFixture.TIMEOUT).migrate();
        }, pool));
      }
      start.countDown();
      MigrationReport a = runs.get(0).get(5, TimeUnit.MINUTES);
      MigrationReport b = runs.get(1).get(5, TimeUnit.MINUTES);

      List<Integer> appliedByEither = new ArrayList<>(a.applied());
      appliedByEither.addAll(b.applied());
      assertThat(appliedByEither).containsExactlyInAnyOrderElementsOf(VERSIONS);
      Set<Integer> recorded = new SchemaMigrator(viaDc2, keyspace, CassandraFixture.replication(), Migrations.ALL,
          CassandraFixture.TIMEOUT).appliedVersions();
      assertThat(recorded).containsExactlyInAnyOrderElementsOf(VERSIONS);
      String appliedBy = viaDc1.execute("SELECT applied_by FROM " + keyspace
          + ".schema_version WHERE scope = 'catalog' AND version = 1").one().getString("applied_by");
      assertThat(appliedBy).isIn(a.owner(), b.owner());
      // Both sessions agree on one table id per table: the schema did not fork.
      assertThat(viaDc1.checkSchemaAgreement()).isTrue();
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void provisionedRolesGetLeastPrivilege() {
    String keyspace = "core_it_roles";
    String apiRole = "core_it_api";
    Secret apiPassword = Secret.of("it-" + UUID.randomUUID());
    try (CqlSession admin = CassandraFixture.adminSession(CassandraFixture.dc1(), keyspace)) {
      CassandraFixture.migrate(admin, keyspace);
      new RoleProvisioner(admin, keyspace, CassandraFixture.TIMEOUT)
          .provision(List.of(new RoleGrant(apiRole, AccessProfile.API, apiPassword)));
    }
    try (CqlSession asApi = CatalogSessionFactory.create(
        CassandraFixture.settings(CassandraFixture.dc1(), keyspace, apiRole, apiPassword))) {
      CatalogStore store = new CatalogStore(asApi, keyspace, CassandraFixture.TIMEOUT);
      CatalogItem item = new CatalogItem(UUID.randomUUID(), "Role test", "d", null, new BigDecimal("1.00"),
          Instant.now().truncatedTo(ChronoUnit.MILLIS), null);
      store.upsertItem(item);
      assertThat(store.findItem(item.id())).contains(item);

      Comment comment = new Comment(UUID.randomUUID(), item.id(), "a", "b", Instant.now());
      assertThatThrownBy(() -> store.addComment(comment, System.currentTimeMillis(), 0))
          .isInstanceOf(FatalException.class);
    }
  }

  @Test
  void aWrongPasswordIsAFatalConnectionError() {
    var wrong = CassandraFixture.settings(CassandraFixture.dc1(), "core_it_roles",
        CassandraFixture.access().adminUsername(), Secret.of("definitely-wrong"));
    assertThatThrownBy(() -> CatalogSessionFactory.create(wrong)).isInstanceOf(FatalException.class);
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
