package dev.citadel.catalog.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.metadata.Node;
import com.datastax.oss.driver.api.core.servererrors.CASWriteUnknownException;
import com.datastax.oss.driver.api.core.servererrors.DefaultWriteType;
import com.datastax.oss.driver.api.core.servererrors.ReadTimeoutException;
import com.datastax.oss.driver.api.core.servererrors.WriteTimeoutException;
import java.lang.reflect.Proxy;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MigrationLockTest {

  @Test
  void aPaxosRoundWithAnUnknownOutcomeIsRetried() {
    assertThat(MigrationLock.resultUnknown(new CASWriteUnknownException(null, ConsistencyLevel.SERIAL, 1, 2)))
        .isTrue();
    assertThat(MigrationLock.resultUnknown(
        new WriteTimeoutException(null, ConsistencyLevel.SERIAL, 1, 2, DefaultWriteType.CAS))).isTrue();
  }

  @Test
  void anUnknownOutcomeInsideAllNodesFailedIsRetried() {
    // What CI saw: the sync driver call wraps the node's CASWriteUnknownException.
    Node node = (Node) Proxy.newProxyInstance(Node.class.getClassLoader(), new Class<?>[] {Node.class},
        (proxy, method, args) -> switch (method.getName()) {
          case "toString" -> "node1";
          case "hashCode" -> 1;
          case "equals" -> proxy == args[0];
          default -> throw new UnsupportedOperationException(method.getName());
        });
    assertThat(MigrationLock.resultUnknown(AllNodesFailedException.fromErrors(
        Map.of(node, new CASWriteUnknownException(node, ConsistencyLevel.SERIAL, 1, 2))))).isTrue();
    assertThat(MigrationLock.resultUnknown(AllNodesFailedException.fromErrors(
        Map.of(node, new IllegalStateException("connection refused"))))).isFalse();
  }

  @Test
  void otherFailuresAreNotRetried() {
    assertThat(MigrationLock.resultUnknown(
        new WriteTimeoutException(null, ConsistencyLevel.QUORUM, 1, 2, DefaultWriteType.SIMPLE))).isFalse();
    assertThat(MigrationLock.resultUnknown(new ReadTimeoutException(null, ConsistencyLevel.SERIAL, 1, 2, false)))
        .isFalse();
    assertThat(MigrationLock.resultUnknown(new IllegalStateException("x"))).isFalse();
  }
}
