package dev.citadel.catalog.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.auth.SyncAuthenticator;
import com.datastax.oss.driver.api.core.metadata.EndPoint;
import com.datastax.oss.driver.internal.core.metadata.DefaultEndPoint;
import dev.citadel.platform.pki.FollowedPassword;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FollowedPasswordAuthProviderTest {

  private static final EndPoint NODE = new DefaultEndPoint(new InetSocketAddress("127.0.0.1", 9042));

  @TempDir
  Path dir;

  private static String plain(SyncAuthenticator authenticator) {
    ByteBuffer response = authenticator.initialResponseSync();
    byte[] bytes = new byte[response.remaining()];
    response.get(bytes);
    return new String(bytes, StandardCharsets.UTF_8).replace('\0', '|');
  }

  @Test
  void sendsTheFilesPasswordAsSaslPlainAtEachNewConnection() throws Exception {
    Path file = dir.resolve("cassandra-password");
    Files.writeString(file, "old-password-1");
    FollowedPasswordAuthProvider provider =
        new FollowedPasswordAuthProvider("catalog_api_region1", new FollowedPassword(null, file));
    SyncAuthenticator first = (SyncAuthenticator) provider.newAuthenticator(NODE, "PasswordAuthenticator");
    assertThat(plain(first)).isEqualTo("|catalog_api_region1|old-password-1");
    first.onAuthenticationSuccessSync(null);

    Files.writeString(file, "new-password-2");

    assertThat(plain((SyncAuthenticator) provider.newAuthenticator(NODE, "PasswordAuthenticator")))
        .isEqualTo("|catalog_api_region1|new-password-2");
  }

  @Test
  void aRefusedConnectionIsFollowedByOneWithTheOtherListedPassword() throws Exception {
    Path file = dir.resolve("cassandra-password");
    Files.writeString(file, "old-password-1");
    FollowedPasswordAuthProvider provider =
        new FollowedPasswordAuthProvider("u", new FollowedPassword(null, file));
    ((SyncAuthenticator) provider.newAuthenticator(NODE, "x")).onAuthenticationSuccessSync(null);
    Files.writeString(file, "new-password-2 old-password-1");

    SyncAuthenticator sticky = (SyncAuthenticator) provider.newAuthenticator(NODE, "x");
    assertThat(plain(sticky)).as("what last worked on this node, still listed").endsWith("|old-password-1");
    // no success reported: the node refused it

    assertThat(plain((SyncAuthenticator) provider.newAuthenticator(NODE, "x"))).endsWith("|new-password-2");
  }

  @Test
  void neverShowsThePassword() throws Exception {
    Path file = dir.resolve("cassandra-password");
    Files.writeString(file, "old-password-1");
    assertThat(new FollowedPasswordAuthProvider("u", new FollowedPassword(null, file)).toString())
        .doesNotContain("old-password-1");
  }
}
