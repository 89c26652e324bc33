package dev.citadel.catalog.error;

/** A failure that the same call will meet again (bad query, no permission, poison data): do not retry. */
public non-sealed class FatalException extends CitadelException {

  public FatalException(String message, Throwable cause) {
    super(message, cause);
  }

  public FatalException(String message) {
    super(message, null);
  }

  @Override
  public final boolean isRetriable() {
    return false;
  }
}
