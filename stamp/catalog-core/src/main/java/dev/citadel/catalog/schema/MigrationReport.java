package dev.citadel.catalog.schema;

import java.util.List;

/**
 * What one {@link SchemaMigrator#migrate()} call did.
 *
 * @param applied        versions this call applied (empty when the schema was already current)
 * @param currentVersion the newest version known to this build
 * @param owner          the lock owner name this migrator used
 */
public record MigrationReport(List<Integer> applied, int currentVersion, String owner) {

  public MigrationReport {
    applied = List.copyOf(applied);
  }
}
