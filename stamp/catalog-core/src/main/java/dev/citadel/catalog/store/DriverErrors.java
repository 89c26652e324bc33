package dev.citadel.catalog.store;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.DriverTimeoutException;
import com.datastax.oss.driver.api.core.NodeUnavailableException;
import com.datastax.oss.driver.api.core.RequestThrottlingException;
import com.datastax.oss.driver.api.core.connection.BusyConnectionException;
import com.datastax.oss.driver.api.core.connection.ClosedConnectionException;
import com.datastax.oss.driver.api.core.connection.ConnectionInitException;
import com.datastax.oss.driver.api.core.connection.HeartbeatException;
import com.datastax.oss.driver.api.core.servererrors.BootstrappingException;
import com.datastax.oss.driver.api.core.servererrors.CASWriteUnknownException;
import com.datastax.oss.driver.api.core.servererrors.OverloadedException;
import com.datastax.oss.driver.api.core.servererrors.QueryConsistencyException;
import com.datastax.oss.driver.api.core.servererrors.ReadFailureException;
import com.datastax.oss.driver.api.core.servererrors.TruncateException;
import com.datastax.oss.driver.api.core.servererrors.UnavailableException;
import com.datastax.oss.driver.api.core.servererrors.WriteFailureException;
import dev.citadel.catalog.error.CitadelException;
import dev.citadel.catalog.error.FatalException;
import dev.citadel.catalog.error.RetriableException;
import java.util.List;

/**
 * Maps Java driver exceptions onto {@link RetriableException} / {@link FatalException} so callers decide from the
 * type (STYLE.md §5). Retriable: the cluster may recover (timeouts, unavailable or overloaded replicas, no node
 * reachable, throttling, broken connections). Fatal: the same statement will fail again (syntax, schema,
 * permissions, authentication, replica-side read/write failures such as tombstone overflow).
 */
public final class DriverErrors {

  private DriverErrors() {}

  /** Wraps {@code failure}; already-typed Citadel exceptions pass through. */
  public static CitadelException translate(String operation, Throwable failure) {
    if (failure instanceof CitadelException typed) {
      return typed;
    }
    String message = operation + " failed: " + failure.getClass().getSimpleName();
    return isRetriable(failure) ? new RetriableException(message, failure) : new FatalException(message, failure);
  }

  static boolean isRetriable(Throwable failure) {
    if (failure instanceof ReadFailureException || failure instanceof WriteFailureException) {
      return false;
    }
    if (failure instanceof AllNodesFailedException all) {
      // NoNodeAvailableException has no errors at all: nothing reachable, retriable. Otherwise retriable only if
      // every node failed for a retriable reason (a bad password on every node is not going to pass).
      List<Throwable> errors = all.getAllErrors().values().stream().flatMap(List::stream).toList();
      return errors.stream().allMatch(DriverErrors::isRetriable);
    }
    return failure instanceof DriverTimeoutException
        || failure instanceof QueryConsistencyException // read/write timeouts: replicas too slow
        || failure instanceof UnavailableException
        || failure instanceof OverloadedException
        || failure instanceof BootstrappingException
        || failure instanceof TruncateException
        || failure instanceof CASWriteUnknownException
        || failure instanceof RequestThrottlingException
        || failure instanceof BusyConnectionException
        || failure instanceof ClosedConnectionException
        || failure instanceof HeartbeatException
        // A node just killed: its pool is empty (NodeUnavailable) or reconnecting fails (ConnectionInit, IO).
        || failure instanceof NodeUnavailableException
        || failure instanceof ConnectionInitException
        || failure instanceof java.io.IOException
        || failure instanceof java.util.concurrent.TimeoutException;
  }
}
