package dev.citadel.waf.seclang;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the installed CRS lives (Debian's modsecurity-crs by default) and an engine loaded from it. */
final class CrsFixture {
  static final Path RULES = Path.of(System.getProperty("crs.rules", "/usr/share/modsecurity-crs/rules"));
  static final Path SETUP = Path.of(System.getProperty("crs.setup", "/etc/modsecurity/crs/crs-setup.conf"));

  private CrsFixture() {}

  static boolean present() {
    return Files.isDirectory(RULES) && Files.isRegularFile(SETUP);
  }

  static SecLangEngine engine(InjectionDetector detector, int paranoia) {
    // The way crs-setup.conf's rule 900000 sets it, ahead of CRS's defaults in REQUEST-901.
    String pl = "SecAction \"id:900000,phase:1,nolog,pass,t:none,setvar:tx.paranoia_level=" + paranoia + "\"";
    return SecLangEngine.builder().directives(pl, "paranoia", RULES).crs(SETUP, RULES).injectionDetector(detector)
        .build();
  }
}
