package dev.citadel.waf.seclang;

import java.util.Map;

/**
 * Rewrites the PCRE syntax CRS uses into java.util.regex syntax. Possessive quantifiers, atomic groups, {@code (?i)},
 * {@code \z}, look-around and {@code \x..} mean the same in both; what differs is handled here:
 * <ul>
 *   <li>a {@code [} inside a character class is a literal in PCRE but a nested class in Java: escaped;</li>
 *   <li>{@code &&} inside a class is intersection in Java: the {@code &} is escaped;</li>
 *   <li>POSIX classes {@code [:alpha:]} become {@code \p{Alpha}};</li>
 *   <li>a {@code {} that does not start a quantifier is a literal in PCRE but an error in Java: escaped;</li>
 *   <li>{@code \0} alone (NUL) needs octal digits in Java: becomes {@code \x00}.</li>
 * </ul>
 */
final class RegexTranslator {

  private static final Map<String, String> POSIX = Map.ofEntries(
      Map.entry("alpha", "\\p{Alpha}"), Map.entry("digit", "\\p{Digit}"), Map.entry("alnum", "\\p{Alnum}"),
      Map.entry("upper", "\\p{Upper}"), Map.entry("lower", "\\p{Lower}"), Map.entry("space", "\\s\\x0B"),
      Map.entry("punct", "\\p{Punct}"), Map.entry("xdigit", "\\p{XDigit}"), Map.entry("cntrl", "\\p{Cntrl}"),
      Map.entry("print", "\\p{Print}"), Map.entry("graph", "\\p{Graph}"), Map.entry("blank", " \\t"),
      Map.entry("word", "\\w"));

  private RegexTranslator() {}

  static String toJava(String p) {
    StringBuilder out = new StringBuilder(p.length() + 16);
    boolean inClass = false;
    int classStart = -1;
    int n = p.length();
    for (int i = 0; i < n; i++) {
      char c = p.charAt(i);
      if (c == '\\' && i + 1 < n) {
        char d = p.charAt(i + 1);
        if (d == '0' && (i + 2 >= n || p.charAt(i + 2) < '0' || p.charAt(i + 2) > '7')) {
          out.append("\\x00");
        } else if (d == 'Q') {
          int e = p.indexOf("\\E", i + 2);
          int end = e < 0 ? n : e + 2;
          out.append(p, i, end);
          i = end - 1;
          continue;
        } else {
          out.append(c).append(d);
        }
        i++;
        continue;
      }
      if (inClass) {
        if (c == '[' && i + 1 < n && p.charAt(i + 1) == ':') {
          int e = p.indexOf(":]", i + 2);
          if (e > 0) {
            String name = p.substring(i + 2, e);
            String rep = POSIX.get(name.startsWith("^") ? name.substring(1) : name);
            if (rep != null && !name.startsWith("^")) {
              out.append(rep);
              i = e + 1;
              continue;
            }
          }
          out.append("\\[");
        } else if (c == '[') {
          out.append("\\[");
        } else if (c == '&') {
          out.append("\\&");
        } else if (c == ']' && i > classStart) {
          inClass = false;
          out.append(c);
        } else {
          out.append(c);
        }
        continue;
      }
      if (c == '[') {
        inClass = true;
        out.append(c);
        int j = i + 1;
        if (j < n && p.charAt(j) == '^') {
          out.append('^');
          j++;
        }
        // A ']' right after '[' or '[^' is a literal in PCRE.
        if (j < n && p.charAt(j) == ']') {
          out.append("\\]");
          j++;
        }
        classStart = j;
        i = j - 1;
        continue;
      }
      if (c == '{' && !isQuantifier(p, i)) {
        out.append("\\{");
        continue;
      }
      out.append(c);
    }
    return out.toString();
  }

  private static boolean isQuantifier(String p, int i) {
    int j = i + 1;
    int n = p.length();
    int digits = 0;
    while (j < n && Character.isDigit(p.charAt(j))) {
      j++;
      digits++;
    }
    if (j < n && p.charAt(j) == ',') {
      j++;
      while (j < n && Character.isDigit(p.charAt(j))) {
        j++;
      }
    }
    return digits > 0 && j < n && p.charAt(j) == '}';
  }
}
