package dev.citadel.catalog.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MigrationsTest {

  @Test
  void everyMigrationIsNumberedFromOneWithoutGaps() {
    for (int i = 0; i < Migrations.ALL.size(); i++) {
      assertThat(Migrations.ALL.get(i).version()).isEqualTo(i + 1);
    }
  }

  @Test
  void everyCreateStatementIsIdempotentAndHasADeterministicTableId() {
    for (Migration m : Migrations.ALL) {
      for (String s : m.statements()) {
        if (s.startsWith("CREATE")) {
          assertThat(s).contains("IF NOT EXISTS").contains("{ks}.").contains("id = {id:");
        } else {
          assertThat(s).startsWith("ALTER TABLE {ks}.");
        }
      }
    }
  }

  @Test
  void everyTableOfV1GetsTheShorterGracePeriodInV2() {
    String v1 = String.join("\n", Migrations.V1.statements());
    List<String> v2 = Migrations.V2.statements();
    assertThat(v2).hasSameSizeAs(Migrations.V1.statements());
    for (String s : v2) {
      String table = s.substring("ALTER TABLE {ks}.".length(), s.indexOf(" WITH"));
      assertThat(v1).contains("{ks}." + table + " (");
      assertThat(s).contains("gc_grace_seconds = 10800").contains("'unchecked_tombstone_compaction': 'true'");
    }
  }

  @Test
  void v4KeepsAKeyClaimADayAndPurgesItLikeTheOtherTables() {
    assertThat(Migrations.V4.statements()).singleElement().asString()
        .contains("{ks}.idempotency_claims (id uuid PRIMARY KEY, fingerprint blob)",
            "default_time_to_live = 86400", "gc_grace_seconds = 10800", "id = {id:idempotency_claims}");
    assertThat(Migrations.V4.dataStep()).isNull();
  }

  @Test
  void theRatingSummaryTableOfV3IsPurgedLikeTheOthersAndBackfilled() {
    assertThat(Migrations.V3.statements()).singleElement().asString()
        .startsWith("CREATE TABLE IF NOT EXISTS {ks}.rating_summary_by_item (")
        .contains("gc_grace_seconds = 10800").contains("'unchecked_tombstone_compaction': 'true'");
    assertThat(Migrations.V3.dataStep()).isInstanceOf(RatingSummaryBackfill.class);
    assertThat(Migrations.V1.dataStep()).isNull();
  }

  @Test
  void refusesACreateWithoutIfNotExists() {
    assertThatThrownBy(() -> new Migration(2, "bad", List.of("CREATE TABLE {ks}.x (a int PRIMARY KEY)")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("IF NOT EXISTS");
  }

  @Test
  void refusesMigrationListsWithGaps() {
    Migration v2 = new Migration(2, "two", List.of());
    assertThatThrownBy(() -> Keyspaces.checkOrder(List.of(Migrations.V1, v2, new Migration(4, "four", List.of()))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(Keyspaces.checkOrder(List.of(Migrations.V1, v2))).hasSize(2);
  }

  @Test
  void rendersKeyspaceAndStableTableIds() {
    String rendered = TableIds.render("CREATE TABLE IF NOT EXISTS {ks}.items (a int PRIMARY KEY) WITH id = {id:items}",
        "shop");
    assertThat(rendered).isEqualTo("CREATE TABLE IF NOT EXISTS shop.items (a int PRIMARY KEY) WITH id = '"
        + TableIds.of("shop", "items") + "'");
    assertThat(TableIds.of("shop", "items")).isEqualTo(TableIds.of("shop", "items"))
        .isNotEqualTo(TableIds.of("shop2", "items")).isNotEqualTo(TableIds.of("shop", "images"));
  }

  @Test
  void buildsNetworkTopologyReplicationSortedByDc() {
    assertThat(Keyspaces.createKeyspace("ks", Map.of("dc2", 3, "dc1", 1)))
        .isEqualTo("CREATE KEYSPACE IF NOT EXISTS ks WITH replication = "
            + "{'class': 'NetworkTopologyStrategy', 'dc1': 1, 'dc2': 3} AND durable_writes = true");
  }

  @Test
  void comparesDriverReplicationMetadataWithTheWantedMap() {
    Map<String, String> actual = Map.of("class", "org.apache.cassandra.locator.NetworkTopologyStrategy",
        "dc1", "1", "dc2", "1");
    assertThat(Keyspaces.sameReplication(actual, Map.of("dc1", 1, "dc2", 1))).isTrue();
    assertThat(Keyspaces.sameReplication(actual, Map.of("dc1", 1))).isFalse();
    assertThat(Keyspaces.sameReplication(actual, Map.of("dc1", 3, "dc2", 1))).isFalse();
    assertThat(Keyspaces.sameReplication(Map.of("class", "SimpleStrategy", "replication_factor", "1"),
        Map.of("dc1", 1))).isFalse();
  }

  @Test
  void refusesNamesAndReplicationThatCouldInjectCql() {
    assertThatThrownBy(() -> Keyspaces.checkName("ks; DROP KEYSPACE x")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Keyspaces.checkName("Upper")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Keyspaces.checkReplication(Map.of("dc1'}", 1))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Keyspaces.checkReplication(Map.of("dc1", 0))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Keyspaces.checkReplication(Map.of())).isInstanceOf(IllegalArgumentException.class);
  }
}
