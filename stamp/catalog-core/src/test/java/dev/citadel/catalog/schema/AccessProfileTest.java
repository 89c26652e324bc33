package dev.citadel.catalog.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AccessProfileTest {

  @Test
  void apiMayModifyOnlyItemsListingImagesAndKeyClaims() {
    assertThat(AccessProfile.API.grants("ks", "catalog_api")).containsExactly(
        "GRANT SELECT ON KEYSPACE ks TO catalog_api",
        "GRANT MODIFY ON TABLE ks.items TO catalog_api",
        "GRANT MODIFY ON TABLE ks.items_by_name TO catalog_api",
        "GRANT MODIFY ON TABLE ks.images TO catalog_api",
        "GRANT MODIFY ON TABLE ks.idempotency_claims TO catalog_api");
  }

  @Test
  void processorMayModifyCommentsRatingsAndItemsButNotImages() {
    assertThat(AccessProfile.PROCESSOR.grants("ks", "processor"))
        .contains("GRANT MODIFY ON TABLE ks.comments_by_item TO processor",
            "GRANT MODIFY ON TABLE ks.ratings_by_item TO processor",
            "GRANT MODIFY ON TABLE ks.rating_summary_by_item TO processor")
        .doesNotContain("GRANT MODIFY ON TABLE ks.images TO processor")
        .noneMatch(s -> s.startsWith("GRANT MODIFY ON KEYSPACE"));
  }

  @Test
  void readOnlyGetsSelectOnlyAndRwGetsTheKeyspace() {
    assertThat(AccessProfile.RO.grants("ks", "r")).containsExactly("GRANT SELECT ON KEYSPACE ks TO r");
    assertThat(AccessProfile.RW.grants("ks", "w"))
        .containsExactly("GRANT SELECT ON KEYSPACE ks TO w", "GRANT MODIFY ON KEYSPACE ks TO w");
  }

  @Test
  void everyModifiableTableExistsInTheSchema() {
    String ddl = Migrations.ALL.stream().flatMap(m -> m.statements().stream())
        .collect(java.util.stream.Collectors.joining("\n"));
    for (AccessProfile profile : AccessProfile.values()) {
      profile.grants("ks", "r").stream()
          .filter(s -> s.contains(" ON TABLE "))
          .map(s -> s.substring(s.indexOf("ks.") + 3, s.indexOf(" TO ")))
          .forEach(table -> assertThat(ddl).contains("{ks}." + table + " ("));
    }
  }

  @Test
  void parsesCaseInsensitivelyAndRefusesUnknownProfiles() {
    assertThat(AccessProfile.parse("Processor")).isEqualTo(AccessProfile.PROCESSOR);
    assertThatThrownBy(() -> AccessProfile.parse("admin")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void escapesQuotesInPasswordLiterals() {
    assertThat(RoleProvisioner.literal("a'b")).isEqualTo("'a''b'");
  }
}
