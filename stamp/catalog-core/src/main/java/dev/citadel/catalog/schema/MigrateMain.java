package dev.citadel.catalog.schema;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.citadel.catalog.store.CatalogSessionFactory;
import java.io.PrintStream;
import java.util.Map;

/**
 * The migration step: {@code java -cp catalog-core.jar:... dev.citadel.catalog.schema.MigrateMain --help}.
 * Run once per deployment by the CLI (never by every service instance); safe to run concurrently anyway.
 * Exit codes: 0 schema current (and roles granted), 1 failed, 2 usage error.
 */
public final class MigrateMain {

  private MigrateMain() {}

  public static void main(String[] args) {
    System.exit(run(args, System.getenv(), System.out, System.err));
  }

  static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
    MigrateArgs parsed;
    try {
      parsed = MigrateArgs.parse(args, env);
    } catch (MigrateArgs.UsageException e) {
      if (!e.getMessage().isEmpty()) {
        err.println("error: " + e.getMessage());
      }
      err.println(MigrateArgs.USAGE);
      return e.getMessage().isEmpty() ? 0 : 2;
    }
    try (CqlSession session = CatalogSessionFactory.create(parsed.settings())) {
      String keyspace = parsed.settings().keyspace();
      SchemaMigrator migrator = new SchemaMigrator(session, keyspace, parsed.replication(), Migrations.ALL,
          parsed.settings().requestTimeout());
      MigrationReport report = migrator.migrate();
      new RoleProvisioner(session, keyspace, parsed.settings().requestTimeout()).provision(parsed.grants());
      out.println("schema of keyspace " + keyspace + " is at V" + report.currentVersion()
          + (report.applied().isEmpty() ? " (nothing to apply)" : ", applied " + report.applied())
          + (parsed.grants().isEmpty() ? "" : ", granted " + parsed.grants().size() + " role(s)"));
      return 0;
    } catch (RuntimeException e) {
      // Type and message only: driver messages name hosts and tables, never passwords.
      err.println("migration failed: " + e);
      return 1;
    }
  }
}
