package dev.citadel.waf.seclang;

import java.util.regex.Pattern;

/**
 * One variable of a rule: {@code ARGS}, {@code ARGS:name}, {@code ARGS:/regex/}, {@code &ARGS}, {@code !ARGS:name}.
 *
 * @param collection upper-case collection name
 * @param key selector (null for the whole collection); compared case-insensitively
 * @param keyPattern selector given as {@code /regex/}, else null
 * @param count {@code &}: the number of matching entries instead of their values
 * @param exclude {@code !}: removes matching entries from the rule's other targets of the same collection
 */
public record Target(String collection, String key, Pattern keyPattern, boolean count, boolean exclude) {

  boolean selects(String name) {
    if (keyPattern != null) {
      return keyPattern.matcher(name).find();
    }
    return key == null || key.equalsIgnoreCase(name);
  }

  @Override
  public String toString() {
    String sel = keyPattern != null ? ":/" + keyPattern.pattern() + "/" : key != null ? ":" + key : "";
    return (exclude ? "!" : "") + (count ? "&" : "") + collection + sel;
  }
}
