package dev.citadel.waf.seclang;

import java.util.List;
import java.util.Set;

/**
 * The parsed actions of one rule.
 *
 * @param disruptive "pass", "deny", "block", "drop", "allow", "redirect" or null (inherit)
 * @param log whether a match is written to the log (and so reported as a matched rule id)
 * @param setvars setvar actions in order
 * @param ctls ctl actions in order
 * @param skipAfter marker (or rule id) to jump behind, or null
 */
public record Actions(
    String disruptive,
    Boolean log,
    boolean capture,
    boolean multiMatch,
    boolean chain,
    int skip,
    String skipAfter,
    int status,
    String msg,
    String logdata,
    String severity,
    Set<String> tags,
    List<SetVar> setvars,
    List<Ctl> ctls) {

  /** {@code setvar:[!]collection.key[=[+|-]value]} — key and value may hold macros. */
  public record SetVar(boolean delete, String collection, String key, char op, String value) {}

  /** {@code ctl:name=value}. */
  public record Ctl(String name, String value) {}
}
