package dev.citadel.catalog.error;

/**
 * Root of Citadel's failure types (STYLE.md §5). Callers decide from the TYPE whether to try again:
 * {@link RetriableException} (the dependency may recover: timeouts, unavailable replicas, overload, no host) or
 * {@link FatalException} (retrying the same call gives the same answer). Never parse the message.
 *
 * <p>Lives in catalog-core until a {@code platform/errors} module exists; the names are meant to move unchanged.
 */
public abstract sealed class CitadelException extends RuntimeException permits RetriableException, FatalException {

  protected CitadelException(String message, Throwable cause) {
    super(message, cause);
  }

  /** True for {@link RetriableException}; a convenience for logging and metric tags. */
  public abstract boolean isRetriable();
}
