package dev.citadel.catalog.schema;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates service roles (LOGIN, no superuser) and grants them their {@link AccessProfile}. Idempotent: an existing
 * role gets its password set again (that is how a rotated password is rolled out) and re-granted.
 *
 * <p>Role DDL cannot take bind markers, so the password is spliced in as a CQL string literal (quotes doubled).
 * The statement text is therefore never logged.
 */
public final class RoleProvisioner {

  private static final Logger LOG = LoggerFactory.getLogger(RoleProvisioner.class);

  private final CqlSession session;
  private final String keyspace;
  private final Duration timeout;

  public RoleProvisioner(CqlSession session, String keyspace, Duration timeout) {
    this.session = session;
    this.keyspace = Keyspaces.checkName(keyspace);
    this.timeout = timeout;
  }

  public void provision(List<RoleGrant> grants) {
    for (RoleGrant grant : grants) {
      if (grant.password() != null) {
        String literal = literal(grant.password().reveal());
        run("CREATE ROLE IF NOT EXISTS " + grant.role() + " WITH PASSWORD = " + literal
            + " AND LOGIN = true AND SUPERUSER = false");
        run("ALTER ROLE " + grant.role() + " WITH PASSWORD = " + literal);
      }
      for (String statement : grant.access().grants(keyspace, grant.role())) {
        run(statement);
      }
      LOG.info("role {} granted {} on keyspace {}", grant.role(), grant.access(), keyspace);
    }
  }

  static String literal(String value) {
    return "'" + value.replace("'", "''") + "'";
  }

  private void run(String cql) {
    session.execute(SimpleStatement.newInstance(cql).setTimeout(timeout.plusSeconds(5)));
  }
}
