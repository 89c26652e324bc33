package dev.citadel.cli;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.citadel.catalog.schema.AccessProfile;
import dev.citadel.catalog.schema.MigrationReport;
import dev.citadel.catalog.schema.Migrations;
import dev.citadel.catalog.schema.RoleGrant;
import dev.citadel.catalog.schema.RoleProvisioner;
import dev.citadel.catalog.schema.SchemaMigrator;
import dev.citadel.catalog.store.CassandraSettings;
import dev.citadel.catalog.store.CatalogSessionFactory;
import dev.citadel.platform.pki.Secret;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code citadel migrate}: the catalog schema and the services' Cassandra roles against any Cassandra cluster, from
 * explicit connection settings and secret files. What {@code up} does in-process for the local data tier, for a
 * cluster it does not manage (the Kubernetes Job {@code catalog-schema} runs this). Safe to repeat: the migrator
 * applies only missing versions under its lock, and the roles' passwords and grants are set again.
 */
@Command(name = "migrate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Migrates the catalog schema and creates the services' Cassandra roles (least privilege) on a"
                + " Cassandra cluster: TLS and password authentication always. Safe to run again.",
                "Example: citadel migrate --contact-point cass.example:9042 --local-dc dc1 --replication dc1=3,dc2=3"
                        + " --username-file /s/username --password-file /s/password --ca-certificate /t/ca.crt"
                        + " --roles-dir /s/roles --role catalog_api_region1=API --role background_processor_region1=PROCESSOR"})
public final class MigrateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--contact-point", required = true, paramLabel = "HOST:PORT",
            description = "A node of the local data centre (repeatable).")
    List<String> contactPoints;

    @Option(names = "--local-dc", required = true, paramLabel = "DC", description = "The data centre to talk to.")
    String localDc;

    @Option(names = "--replication", required = true, split = ",", paramLabel = "DC=RF",
            description = "Replicas per data centre of the catalog keyspace, e.g. dc1=3,dc2=3.")
    Map<String, Integer> replication;

    @Option(names = "--username", paramLabel = "NAME", description = "An administrator role (or --username-file).")
    String username;

    @Option(names = "--username-file", paramLabel = "FILE", description = "A file holding the administrator's name.")
    Path usernameFile;

    @Option(names = "--password-file", required = true, paramLabel = "FILE",
            description = "A file holding the administrator's password (never printed).")
    Path passwordFile;

    @Option(names = "--ca-certificate", required = true, paramLabel = "PEM",
            description = "The CA certificate(s) the nodes' certificates are checked against (host names included).")
    Path caCertificate;

    @Option(names = "--role", paramLabel = "ROLE=PROFILE",
            description = "A service role to create with its access profile (API, PROCESSOR, HEALTH); repeatable.")
    Map<String, String> roles = new LinkedHashMap<>();

    @Option(names = "--roles-dir", paramLabel = "DIR",
            description = "Where each --role's password is, in a file named after the role.")
    Path rolesDir;

    @Option(names = "--keyspace", defaultValue = CassandraSettings.DEFAULT_KEYSPACE, paramLabel = "NAME")
    String keyspace;

    @Option(names = "--timeout", defaultValue = "30s", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "Per statement (schema changes wait for every node's agreement). Default: ${DEFAULT-VALUE}.")
    Duration timeout;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        String admin = adminName();
        List<RoleGrant> grants = grants();
        CassandraSettings settings = new CassandraSettings(contactPoints, localDc, admin, readSecret(passwordFile),
                null, null, caCertificate, true, timeout, keyspace);
        try (CqlSession session = CatalogSessionFactory.create(settings)) {
            out.println("migrating keyspace " + keyspace + " " + replication + " through " + localDc);
            MigrationReport report = new SchemaMigrator(session, keyspace, replication, Migrations.ALL, timeout).migrate();
            out.println("schema: version " + report.currentVersion()
                    + (report.applied().isEmpty() ? ", already current" : ", applied " + report.applied()));
            new RoleProvisioner(session, keyspace, timeout).provision(grants);
            for (RoleGrant grant : grants) {
                out.println("role " + grant.role() + ": " + grant.access());
            }
        }
        out.flush();
        return ExitCode.OK;
    }

    private String adminName() {
        if ((username == null) == (usernameFile == null)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "give exactly one of --username, --username-file");
        }
        return username != null ? username : readSecret(usernameFile).reveal();
    }

    private List<RoleGrant> grants() {
        if (!roles.isEmpty() && rolesDir == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--role needs --roles-dir (the passwords)");
        }
        List<RoleGrant> grants = new ArrayList<>();
        roles.forEach((role, profile) -> {
            AccessProfile access;
            try {
                access = AccessProfile.parse(profile);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--role " + role + ": " + e.getMessage());
            }
            grants.add(new RoleGrant(role, access, readSecret(rolesDir.resolve(role))));
        });
        return grants;
    }

    /** One line, trailing line break dropped; the message names the file, never its content. */
    private Secret readSecret(Path file) {
        try {
            String value = Files.readString(file).strip();
            if (value.isEmpty() || value.contains("\n")) {
                throw new CommandLine.ParameterException(spec.commandLine(), file + " must hold exactly one line");
            }
            return Secret.of(value);
        } catch (IOException e) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
        }
    }
}
