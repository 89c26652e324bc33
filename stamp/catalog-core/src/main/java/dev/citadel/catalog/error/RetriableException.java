package dev.citadel.catalog.error;

/** A dependency failed in a way that may pass: retry with backoff, or answer 503 with {@code Retry-After}. */
public non-sealed class RetriableException extends CitadelException {

  public RetriableException(String message, Throwable cause) {
    super(message, cause);
  }

  public RetriableException(String message) {
    super(message, null);
  }

  @Override
  public final boolean isRetriable() {
    return true;
  }
}
