package dev.citadel.waf.seclang;

/**
 * The libinjection checks behind {@code @detectSQLi} and {@code @detectXSS}. Supplied by the caller so the engine
 * does not depend on one port; without one, those two operators never match (and the engine says so at load).
 */
public interface InjectionDetector {
  boolean isSqli(String input);

  boolean isXss(String input);
}
