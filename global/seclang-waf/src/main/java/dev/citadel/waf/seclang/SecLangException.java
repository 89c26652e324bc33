package dev.citadel.waf.seclang;

/** A rule file the engine cannot load; the message names the file and line. */
public class SecLangException extends RuntimeException {
  public SecLangException(String message) {
    super(message);
  }

  public SecLangException(String message, Throwable cause) {
    super(message, cause);
  }
}
