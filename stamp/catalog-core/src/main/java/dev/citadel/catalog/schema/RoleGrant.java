package dev.citadel.catalog.schema;

import dev.citadel.platform.pki.Secret;
import java.util.Objects;

/**
 * A service role to create (when {@code password} is given) and grant.
 *
 * @param role     CQL role name, lowercase identifier
 * @param access   what it may do
 * @param password its login password, or {@code null} to only grant an existing role
 */
public record RoleGrant(String role, AccessProfile access, Secret password) {

  public RoleGrant {
    Keyspaces.checkName(role);
    Objects.requireNonNull(access, "access");
  }
}
