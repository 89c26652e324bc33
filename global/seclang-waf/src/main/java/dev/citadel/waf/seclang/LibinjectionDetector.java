package dev.citadel.waf.seclang;

import dev.citadel.libinjection.Libinjection;

/** {@code @detectSQLi} and {@code @detectXSS} as ModSecurity runs them: libinjection's SQLi and XSS detectors. */
public final class LibinjectionDetector implements InjectionDetector {

  public static final LibinjectionDetector INSTANCE = new LibinjectionDetector();

  private LibinjectionDetector() {
  }

  @Override
  public boolean isSqli(String input) {
    return Libinjection.isSqli(input);
  }

  @Override
  public boolean isXss(String input) {
    return Libinjection.isXss(input);
  }
}
