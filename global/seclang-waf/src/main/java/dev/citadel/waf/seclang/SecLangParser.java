package dev.citadel.waf.seclang;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Splits SecLang text into directives and parses their variable, operator and action arguments. */
public final class SecLangParser {

  /** One directive with its arguments, quotes removed. */
  public record Directive(String name, List<String> args, String source, int line) {}

  private SecLangParser() {}

  /**
   * Directives of a configuration text: comments dropped, lines ending in a backslash joined with the next, and
   * arguments split on blanks with double quotes grouping (a backslash escapes a quote or a backslash, as in Apache).
   */
  public static List<Directive> directives(String text, String source) {
    List<Directive> out = new ArrayList<>();
    String[] lines = text.split("\r?\n", -1);
    StringBuilder logical = new StringBuilder();
    int start = 0;
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (logical.length() == 0) {
        start = i + 1;
        if (line.strip().startsWith("#")) {
          continue;
        }
      }
      String stripped = stripTrailing(line);
      if (stripped.endsWith("\\")) {
        logical.append(stripped, 0, stripped.length() - 1);
        continue;
      }
      logical.append(line);
      String l = logical.toString().strip();
      logical.setLength(0);
      if (l.isEmpty() || l.startsWith("#")) {
        continue;
      }
      List<String> words = words(l, source, start);
      out.add(new Directive(words.get(0), List.copyOf(words.subList(1, words.size())), source, start));
    }
    if (logical.length() > 0) {
      throw new SecLangException(source + ":" + start + ": continuation at end of file");
    }
    return out;
  }

  private static String stripTrailing(String s) {
    int e = s.length();
    while (e > 0 && (s.charAt(e - 1) == ' ' || s.charAt(e - 1) == '\t')) {
      e--;
    }
    return s.substring(0, e);
  }

  static List<String> words(String l, String source, int line) {
    List<String> words = new ArrayList<>();
    int i = 0;
    int n = l.length();
    while (i < n) {
      char c = l.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
        continue;
      }
      StringBuilder w = new StringBuilder();
      if (c == '"' || c == '\'') {
        char q = c;
        i++;
        boolean closed = false;
        while (i < n) {
          char d = l.charAt(i);
          if (d == '\\' && i + 1 < n && (l.charAt(i + 1) == q || l.charAt(i + 1) == '\\')) {
            // Apache's config reader (ModSecurity's home) unescapes backslash-quote and backslash-backslash.
            w.append(l.charAt(i + 1));
            i += 2;
          } else if (d == q) {
            i++;
            closed = true;
            break;
          } else {
            w.append(d);
            i++;
          }
        }
        if (!closed) {
          throw new SecLangException(source + ":" + line + ": unterminated quote");
        }
      } else {
        while (i < n && !Character.isWhitespace(l.charAt(i))) {
          w.append(l.charAt(i++));
        }
      }
      words.add(w.toString());
    }
    return words;
  }

  /** {@code name:value} pairs of an action list; values may be single-quoted (commas inside allowed). */
  public static List<String[]> actionList(String s) {
    List<String[]> out = new ArrayList<>();
    int i = 0;
    int n = s.length();
    while (i < n) {
      while (i < n && (Character.isWhitespace(s.charAt(i)) || s.charAt(i) == ',')) {
        i++;
      }
      if (i >= n) {
        break;
      }
      int ns = i;
      while (i < n && s.charAt(i) != ':' && s.charAt(i) != ',') {
        i++;
      }
      String name = s.substring(ns, i).strip();
      String value = null;
      if (i < n && s.charAt(i) == ':') {
        i++;
        while (i < n && s.charAt(i) == ' ') {
          i++;
        }
        StringBuilder v = new StringBuilder();
        if (i < n && s.charAt(i) == '\'') {
          i++;
          while (i < n) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < n && s.charAt(i + 1) == '\'') {
              v.append('\'');
              i += 2;
            } else if (c == '\'') {
              i++;
              break;
            } else {
              v.append(c);
              i++;
            }
          }
          while (i < n && s.charAt(i) != ',') {
            i++;
          }
        } else {
          while (i < n && s.charAt(i) != ',') {
            v.append(s.charAt(i++));
          }
        }
        value = v.toString().strip();
      }
      out.add(new String[] {name, value});
    }
    return out;
  }

  /** Targets of {@code ARGS|!ARGS:foo|&TX:x|REQUEST_COOKIES:/^uid/}. */
  public static List<Target> targets(String s) {
    List<Target> out = new ArrayList<>();
    int i = 0;
    int n = s.length();
    while (i < n) {
      int st = i;
      boolean inRegex = false;
      while (i < n) {
        char c = s.charAt(i);
        if (!inRegex && c == '|') {
          break;
        }
        // XML:/xpath selectors are not regexes (they hold no closing slash of their own).
        if (c == '/' && i > 0 && s.charAt(i - 1) == ':' && !inRegex
            && !s.substring(st, i).strip().replaceFirst("^[!&]+", "").equalsIgnoreCase("XML:")) {
          inRegex = true;
        } else if (c == '/' && inRegex && s.charAt(i - 1) != '\\') {
          inRegex = false;
        }
        i++;
      }
      String part = s.substring(st, i).strip();
      i++;
      if (!part.isEmpty()) {
        out.add(target(part));
      }
    }
    return out;
  }

  static Target target(String part) {
    boolean exclude = false;
    boolean count = false;
    if (part.startsWith("!")) {
      exclude = true;
      part = part.substring(1);
    }
    if (part.startsWith("&")) {
      count = true;
      part = part.substring(1);
    }
    int colon = part.indexOf(':');
    String coll = colon < 0 ? part : part.substring(0, colon);
    String key = colon < 0 ? null : part.substring(colon + 1);
    Pattern kp = null;
    if (key != null && key.length() >= 2 && key.startsWith("/") && key.endsWith("/")
        && !coll.equalsIgnoreCase("XML")) {
      kp = Pattern.compile(RegexTranslator.toJava(key.substring(1, key.length() - 1)),
          Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
      key = null;
    } else if (key != null && key.length() >= 2 && key.startsWith("'") && key.endsWith("'")) {
      key = key.substring(1, key.length() - 1);
    }
    return new Target(coll.toUpperCase(Locale.ROOT), key, kp, count, exclude);
  }

  /** Builds the actions record from an action list (transformations are taken out by the caller). */
  static Actions actions(List<String[]> list) {
    String disruptive = null;
    Boolean log = null;
    boolean capture = false;
    boolean multiMatch = false;
    boolean chain = false;
    int skip = 0;
    String skipAfter = null;
    int status = 0;
    String msg = null;
    String logdata = null;
    String severity = null;
    Set<String> tags = new LinkedHashSet<>();
    List<Actions.SetVar> setvars = new ArrayList<>();
    List<Actions.Ctl> ctls = new ArrayList<>();
    for (String[] a : list) {
      String name = a[0].toLowerCase(Locale.ROOT);
      String v = a[1];
      switch (name) {
        case "pass", "deny", "block", "drop", "allow", "redirect", "proxy" -> disruptive = name;
        case "log" -> log = true;
        case "nolog" -> log = false;
        case "capture" -> capture = true;
        case "multimatch" -> multiMatch = true;
        case "chain" -> chain = true;
        case "skip" -> skip = Integer.parseInt(v);
        case "skipafter" -> skipAfter = v;
        case "status" -> status = Integer.parseInt(v);
        case "msg" -> msg = v;
        case "logdata" -> logdata = v;
        case "severity" -> severity = v;
        case "tag" -> tags.add(v);
        case "setvar" -> setvars.add(setvar(v));
        case "ctl" -> {
          int eq = v.indexOf('=');
          ctls.add(new Actions.Ctl(v.substring(0, eq).strip(), v.substring(eq + 1).strip()));
        }
        default -> {
          // id, phase, t: are read by the loader; ver, rev, maturity, accuracy, auditlog, noauditlog, expirevar,
          // initcol, setenv, setsid, setuid, sanitise*, append/prepend have no effect on a request's verdict here.
        }
      }
    }
    return new Actions(disruptive, log, capture, multiMatch, chain, skip, skipAfter, status, msg, logdata, severity,
        Set.copyOf(tags), List.copyOf(setvars), List.copyOf(ctls));
  }

  static Actions.SetVar setvar(String v) {
    boolean delete = v.startsWith("!");
    if (delete) {
      v = v.substring(1);
    }
    int eq = v.indexOf('=');
    String name = eq < 0 ? v : v.substring(0, eq);
    String value = eq < 0 ? "1" : v.substring(eq + 1);
    char op = '=';
    if (!value.isEmpty() && (value.charAt(0) == '+' || value.charAt(0) == '-')) {
      op = value.charAt(0);
      value = value.substring(1);
    }
    int dot = name.indexOf('.');
    if (dot < 0) {
      throw new SecLangException("setvar without a collection: " + v);
    }
    return new Actions.SetVar(delete, name.substring(0, dot).strip().toUpperCase(Locale.ROOT),
        name.substring(dot + 1).strip(), op, value);
  }
}
