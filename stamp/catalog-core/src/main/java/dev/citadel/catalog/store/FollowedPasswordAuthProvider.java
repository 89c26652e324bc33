package dev.citadel.catalog.store;

import com.datastax.oss.driver.api.core.auth.AuthProvider;
import com.datastax.oss.driver.api.core.auth.Authenticator;
import com.datastax.oss.driver.api.core.auth.SyncAuthenticator;
import com.datastax.oss.driver.api.core.metadata.EndPoint;
import dev.citadel.platform.pki.FollowedPassword;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Password authentication (SASL PLAIN, what Cassandra's {@code PasswordAuthenticator} takes) whose password is read
 * from the service's secret file at every new connection, so a rotated password reaches the next connection without
 * a restart. Open connections stay authenticated: Cassandra never asks them again. Per node, the password that last
 * worked is kept while the file still lists it, and a connection refused with one listed password is followed by
 * one with the next (the driver reconnects by itself) — which covers a node whose credentials cache still holds the
 * previous password for a moment after the change.
 */
public final class FollowedPasswordAuthProvider implements AuthProvider {

  private final String username;
  private final FollowedPassword password;

  public FollowedPasswordAuthProvider(String username, FollowedPassword password) {
    this.username = username;
    this.password = password;
  }

  @Override
  public Authenticator newAuthenticator(EndPoint endPoint, String serverAuthenticator) {
    FollowedPassword.Attempt attempt = password.begin(endPoint);
    return new SyncAuthenticator() {
      @Override
      public ByteBuffer initialResponseSync() {
        byte[] user = username.getBytes(StandardCharsets.UTF_8);
        byte[] secret = attempt.password().reveal().getBytes(StandardCharsets.UTF_8);
        ByteBuffer plain = ByteBuffer.allocate(user.length + secret.length + 2);
        plain.put((byte) 0).put(user).put((byte) 0).put(secret).flip();
        return plain;
      }

      @Override
      public ByteBuffer evaluateChallengeSync(ByteBuffer challenge) {
        return null;
      }

      @Override
      public void onAuthenticationSuccessSync(ByteBuffer token) {
        attempt.succeeded();
      }
    };
  }

  @Override
  public void onMissingChallenge(EndPoint endPoint) {
    // PasswordAuthenticator sends none.
  }

  @Override
  public void close() {}

  @Override
  public String toString() {
    return "FollowedPasswordAuthProvider[" + username + ", " + password + "]";
  }
}
