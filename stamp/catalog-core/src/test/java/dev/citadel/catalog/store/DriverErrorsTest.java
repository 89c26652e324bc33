package dev.citadel.catalog.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.DriverTimeoutException;
import com.datastax.oss.driver.api.core.NodeUnavailableException;
import com.datastax.oss.driver.api.core.connection.ConnectionInitException;
import com.datastax.oss.driver.api.core.metadata.Node;
import java.io.IOException;
import java.net.ConnectException;
import java.util.Map;
import java.lang.reflect.Proxy;
import com.datastax.oss.driver.api.core.NoNodeAvailableException;
import com.datastax.oss.driver.api.core.auth.AuthenticationException;
import com.datastax.oss.driver.api.core.servererrors.InvalidQueryException;
import com.datastax.oss.driver.api.core.servererrors.SyntaxError;
import com.datastax.oss.driver.api.core.servererrors.UnauthorizedException;
import com.datastax.oss.driver.internal.core.metadata.DefaultEndPoint;
import dev.citadel.catalog.error.CitadelException;
import dev.citadel.catalog.error.FatalException;
import dev.citadel.catalog.error.RetriableException;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class DriverErrorsTest {

  @Test
  void clientTimeoutsAndNoReachableNodeAreRetriable() {
    assertThat(DriverErrors.translate("read", new DriverTimeoutException("slow")))
        .isInstanceOf(RetriableException.class)
        .hasMessage("read failed: DriverTimeoutException")
        .hasCauseInstanceOf(DriverTimeoutException.class);
    assertThat(DriverErrors.translate("read", new NoNodeAvailableException())).isInstanceOf(RetriableException.class);
  }

  /** What a killed local node produces while the driver notices: every one must be retried, never be fatal. */
  @Test
  void aNodeThatJustDiedIsRetriable() {
    Node node = node();
    NodeUnavailableException unavailable = new NodeUnavailableException(node);
    assertThat(DriverErrors.translate("read", unavailable)).isInstanceOf(RetriableException.class);
    assertThat(DriverErrors.translate("read",
        AllNodesFailedException.fromErrors(Map.<Node, Throwable>of(node, unavailable))))
        .isInstanceOf(RetriableException.class);
    assertThat(DriverErrors.translate("read", new ConnectionInitException("refused", new ConnectException("x"))))
        .isInstanceOf(RetriableException.class);
    assertThat(DriverErrors.translate("read", new IOException("Connection reset by peer")))
        .isInstanceOf(RetriableException.class);
  }

  @Test
  void badQueriesPermissionsAndAuthenticationAreFatal() {
    assertThat(DriverErrors.translate("q", new InvalidQueryException(null, "bad"))).isInstanceOf(FatalException.class);
    assertThat(DriverErrors.translate("q", new SyntaxError(null, "bad"))).isInstanceOf(FatalException.class);
    assertThat(DriverErrors.translate("q", new UnauthorizedException(null, "no"))).isInstanceOf(FatalException.class);
    assertThat(DriverErrors.translate("q",
        new AuthenticationException(new DefaultEndPoint(InetSocketAddress.createUnresolved("h", 1)), "wrong password")))
        .isInstanceOf(FatalException.class);
    assertThat(DriverErrors.translate("q", new IllegalStateException("bug"))).isInstanceOf(FatalException.class);
  }

  /** A driver node that only names itself: what the exceptions read of it. */
  private static Node node() {
    return (Node) Proxy.newProxyInstance(Node.class.getClassLoader(), new Class<?>[] {Node.class},
        (proxy, method, args) -> switch (method.getName()) {
          case "toString" -> "node1";
          case "hashCode" -> 1;
          case "equals" -> proxy == args[0];
          default -> null;
        });
  }

  @Test
  void alreadyTypedExceptionsPassThrough() {
    CitadelException typed = new RetriableException("x");
    assertThat(DriverErrors.translate("q", typed)).isSameAs(typed);
    assertThat(typed.isRetriable()).isTrue();
    assertThat(new FatalException("y").isRetriable()).isFalse();
  }
}
