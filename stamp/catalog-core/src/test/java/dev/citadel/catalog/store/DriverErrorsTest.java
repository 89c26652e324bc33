package dev.citadel.catalog.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.DriverTimeoutException;
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

  @Test
  void alreadyTypedExceptionsPassThrough() {
    CitadelException typed = new RetriableException("x");
    assertThat(DriverErrors.translate("q", typed)).isSameAs(typed);
    assertThat(typed.isRetriable()).isTrue();
    assertThat(new FatalException("y").isRetriable()).isFalse();
  }
}
