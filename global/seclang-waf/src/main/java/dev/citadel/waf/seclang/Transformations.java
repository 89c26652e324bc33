package dev.citadel.waf.seclang;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * SecLang transformations. Values are byte strings held as ISO-8859-1 Java strings (one char per byte), as
 * ModSecurity works on bytes; every function here keeps that convention.
 */
public final class Transformations {

  /** A named transformation. */
  public record Transform(String name, UnaryOperator<String> fn) {
    public String apply(String s) {
      return fn.apply(s);
    }
  }

  private static final Map<String, UnaryOperator<String>> ALL = new HashMap<>();

  static {
    ALL.put("lowercase", Transformations::lowercase);
    ALL.put("uppercase", s -> s.toUpperCase(Locale.ROOT));
    ALL.put("urldecode", s -> urlDecode(s, false));
    ALL.put("urldecodeuni", s -> urlDecode(s, true));
    ALL.put("htmlentitydecode", Transformations::htmlEntityDecode);
    ALL.put("jsdecode", Transformations::jsDecode);
    ALL.put("cssdecode", Transformations::cssDecode);
    ALL.put("cmdline", Transformations::cmdLine);
    ALL.put("compresswhitespace", Transformations::compressWhitespace);
    ALL.put("removewhitespace", Transformations::removeWhitespace);
    ALL.put("removenulls", s -> s.replace("\0", ""));
    ALL.put("replacenulls", s -> s.replace('\0', ' '));
    ALL.put("replacecomments", Transformations::replaceComments);
    ALL.put("removecomments", Transformations::removeComments);
    ALL.put("removecommentschar", Transformations::removeCommentsChar);
    ALL.put("normalisepath", s -> normalisePath(s, false));
    ALL.put("normalizepath", s -> normalisePath(s, false));
    ALL.put("normalisepathwin", s -> normalisePath(s, true));
    ALL.put("normalizepathwin", s -> normalisePath(s, true));
    ALL.put("utf8tounicode", Transformations::utf8ToUnicode);
    ALL.put("base64decode", s -> base64Decode(s, false));
    ALL.put("base64decodeext", s -> base64Decode(s, true));
    ALL.put("base64encode", s -> Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.ISO_8859_1)));
    ALL.put("hexdecode", Transformations::hexDecode);
    ALL.put("hexencode", Transformations::hexEncode);
    ALL.put("sqlhexdecode", Transformations::sqlHexDecode);
    ALL.put("escapeseqdecode", Transformations::escapeSeqDecode);
    ALL.put("length", s -> Integer.toString(s.length()));
    ALL.put("sha1", s -> digest("SHA-1", s));
    ALL.put("md5", s -> digest("MD5", s));
    ALL.put("trim", Transformations::trim);
    ALL.put("trimleft", s -> s.replaceAll("^[ \\t\\n\\r\\f\\x0B]+", ""));
    ALL.put("trimright", s -> s.replaceAll("[ \\t\\n\\r\\f\\x0B]+$", ""));
    ALL.put("urlencode", Transformations::urlEncode);
  }

  private Transformations() {}

  /** The transformation called {@code name} (case-insensitive), or null if the engine does not know it. */
  public static Transform byName(String name) {
    UnaryOperator<String> fn = ALL.get(name.toLowerCase(Locale.ROOT));
    return fn == null ? null : new Transform(name, fn);
  }

  static String lowercase(String s) {
    char[] c = null;
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (ch >= 'A' && ch <= 'Z') {
        if (c == null) {
          c = s.toCharArray();
        }
        c[i] = (char) (ch + 32);
      }
    }
    return c == null ? s : new String(c);
  }

  private static int hex(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  }

  private static boolean isHex(char c) {
    return hex(c) >= 0;
  }

  /** ModSecurity's urlDecode: {@code +} to space, valid {@code %xx} decoded, invalid ones left as they are. */
  static String urlDecode(String s, boolean uni) {
    if (s.indexOf('%') < 0 && s.indexOf('+') < 0) {
      return s;
    }
    StringBuilder b = new StringBuilder(s.length());
    int n = s.length();
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c == '+') {
        b.append(' ');
      } else if (c == '%') {
        if (uni && i + 5 < n && (s.charAt(i + 1) == 'u' || s.charAt(i + 1) == 'U') && isHex(s.charAt(i + 2))
            && isHex(s.charAt(i + 3)) && isHex(s.charAt(i + 4)) && isHex(s.charAt(i + 5))) {
          int code = (hex(s.charAt(i + 2)) << 12) | (hex(s.charAt(i + 3)) << 8) | (hex(s.charAt(i + 4)) << 4)
              | hex(s.charAt(i + 5));
          // Without a unicode map ModSecurity keeps the low byte, and maps full-width ASCII (FF01-FF5E) to ASCII.
          if (code >= 0xff01 && code <= 0xff5e) {
            b.append((char) (code - 0xff00 + 0x20));
          } else {
            b.append((char) (code & 0xff));
          }
          i += 5;
        } else if (i + 2 < n && isHex(s.charAt(i + 1)) && isHex(s.charAt(i + 2))) {
          b.append((char) ((hex(s.charAt(i + 1)) << 4) | hex(s.charAt(i + 2))));
          i += 2;
        } else {
          b.append(c);
        }
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  static String urlEncode(String s) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == ' ') {
        b.append('+');
      } else if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '*' || c == '-'
          || c == '.' || c == '_') {
        b.append(c);
      } else {
        b.append('%').append(String.format("%02x", (int) c & 0xff));
      }
    }
    return b.toString();
  }

  private static final Map<String, Character> ENTITIES = Map.of("quot", '"', "amp", '&', "lt", '<', "gt", '>',
      "nbsp", (char) 0xa0);

  /** HTML entities: {@code &#DDD;}, {@code &#xHH;} (semicolon optional) and the few named ones ModSecurity knows. */
  static String htmlEntityDecode(String s) {
    if (s.indexOf('&') < 0) {
      return s;
    }
    StringBuilder b = new StringBuilder(s.length());
    int n = s.length();
    int i = 0;
    while (i < n) {
      char c = s.charAt(i);
      if (c != '&' || i + 1 >= n) {
        b.append(c);
        i++;
        continue;
      }
      int j = i + 1;
      if (s.charAt(j) == '#') {
        j++;
        boolean hexa = j < n && (s.charAt(j) == 'x' || s.charAt(j) == 'X');
        if (hexa) {
          j++;
        }
        int st = j;
        while (j < n && (hexa ? isHex(s.charAt(j)) : Character.isDigit(s.charAt(j)))) {
          j++;
        }
        if (j > st) {
          String num = s.substring(st, Math.min(j, st + 8));
          int code;
          try {
            code = Integer.parseInt(num, hexa ? 16 : 10);
          } catch (NumberFormatException e) {
            code = 0;
          }
          b.append((char) (code & 0xff));
          if (j < n && s.charAt(j) == ';') {
            j++;
          }
          i = j;
          continue;
        }
      } else {
        int st = j;
        while (j < n && Character.isLetterOrDigit(s.charAt(j))) {
          j++;
        }
        Character e = ENTITIES.get(s.substring(st, j).toLowerCase(Locale.ROOT));
        if (e != null) {
          b.append(e.charValue());
          if (j < n && s.charAt(j) == ';') {
            j++;
          }
          i = j;
          continue;
        }
      }
      b.append(c);
      i++;
    }
    return b.toString();
  }

  /** JavaScript escapes: {@code \xHH}, backslash-u HHHH (low byte, full-width ASCII mapped), {@code \OOO}, {@code \n}... */
  static String jsDecode(String s) {
    if (s.indexOf('\\') < 0) {
      return s;
    }
    StringBuilder b = new StringBuilder(s.length());
    int n = s.length();
    int i = 0;
    while (i < n) {
      char c = s.charAt(i);
      if (c != '\\' || i + 1 >= n) {
        b.append(c);
        i++;
        continue;
      }
      char d = s.charAt(i + 1);
      if (d == 'u' && i + 5 < n && isHex(s.charAt(i + 2)) && isHex(s.charAt(i + 3)) && isHex(s.charAt(i + 4))
          && isHex(s.charAt(i + 5))) {
        int code = Integer.parseInt(s.substring(i + 2, i + 6), 16);
        if (code >= 0xff01 && code <= 0xff5e) {
          b.append((char) (code - 0xff00 + 0x20));
        } else {
          b.append((char) (code & 0xff));
        }
        i += 6;
      } else if (d == 'x' && i + 3 < n && isHex(s.charAt(i + 2)) && isHex(s.charAt(i + 3))) {
        b.append((char) Integer.parseInt(s.substring(i + 2, i + 4), 16));
        i += 4;
      } else if (d >= '0' && d <= '7') {
        int j = i + 1;
        int max = Math.min(n, i + 4);
        while (j < max && s.charAt(j) >= '0' && s.charAt(j) <= '7') {
          j++;
        }
        int v = Integer.parseInt(s.substring(i + 1, j), 8);
        if (v > 0xff && j - i - 1 == 3) {
          j--;
          v = Integer.parseInt(s.substring(i + 1, j), 8);
        }
        b.append((char) v);
        i = j;
      } else {
        switch (d) {
          case 'a' -> b.append((char) 7);
          case 'b' -> b.append('\b');
          case 'f' -> b.append('\f');
          case 'n' -> b.append('\n');
          case 'r' -> b.append('\r');
          case 't' -> b.append('\t');
          case 'v' -> b.append((char) 11);
          default -> b.append(d);
        }
        i += 2;
      }
    }
    return b.toString();
  }

  /** CSS escapes: a backslash and 1-6 hex digits (one optional following blank eaten), or an escaped char. */
  static String cssDecode(String s) {
    if (s.indexOf('\\') < 0) {
      return s;
    }
    StringBuilder b = new StringBuilder(s.length());
    int n = s.length();
    int i = 0;
    while (i < n) {
      char c = s.charAt(i);
      if (c != '\\') {
        b.append(c);
        i++;
        continue;
      }
      if (i + 1 >= n) {
        i++;
        continue;
      }
      int j = i + 1;
      while (j < n && j < i + 7 && isHex(s.charAt(j))) {
        j++;
      }
      if (j > i + 1) {
        String h = s.substring(i + 1, j);
        int code = Integer.parseInt(h, 16);
        if (h.length() > 2 && code >= 0xff01 && code <= 0xff5e) {
          b.append((char) (code - 0xff00 + 0x20));
        } else {
          b.append((char) (code & 0xff));
        }
        if (j < n && Character.isWhitespace(s.charAt(j))) {
          j++;
        }
        i = j;
      } else if (s.charAt(i + 1) == '\n') {
        i += 2;
      } else {
        b.append(s.charAt(i + 1));
        i += 2;
      }
    }
    return b.toString();
  }

  /** cmdLine: drop {@code \ " ' ^}, blanks and commas/semicolons to one space, no blank before / or (, lowercase. */
  static String cmdLine(String s) {
    StringBuilder b = new StringBuilder(s.length());
    boolean space = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"', '\'', '\\', '^' -> {
        }
        case ' ', ',', ';', '\t', '\r', '\n' -> {
          if (!space) {
            b.append(' ');
            space = true;
          }
        }
        case '/', '(' -> {
          if (space) {
            b.setLength(b.length() - 1);
          }
          space = false;
          b.append(c);
        }
        default -> {
          b.append(c >= 'A' && c <= 'Z' ? (char) (c + 32) : c);
          space = false;
        }
      }
    }
    return b.toString();
  }

  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 11 || c == 0xa0;
  }

  static String compressWhitespace(String s) {
    StringBuilder b = new StringBuilder(s.length());
    boolean inSpace = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (isSpace(c)) {
        if (!inSpace) {
          b.append(' ');
          inSpace = true;
        }
      } else {
        b.append(c);
        inSpace = false;
      }
    }
    return b.toString();
  }

  static String removeWhitespace(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!isSpace(c)) {
        b.append(c);
      }
    }
    return b.toString();
  }

  static String trim(String s) {
    int st = 0;
    int e = s.length();
    while (st < e && isSpace(s.charAt(st))) {
      st++;
    }
    while (e > st && isSpace(s.charAt(e - 1))) {
      e--;
    }
    return s.substring(st, e);
  }

  /** C comments to one space (an unterminated one too), {@code --} and {@code #} comments to the end removed. */
  static String replaceComments(String s) {
    StringBuilder b = new StringBuilder(s.length());
    int n = s.length();
    int i = 0;
    while (i < n) {
      if (i + 1 < n && s.charAt(i) == '/' && s.charAt(i + 1) == '*') {
        int e = s.indexOf("*/", i + 2);
        b.append(' ');
        if (e < 0) {
          break;
        }
        i = e + 2;
      } else {
        b.append(s.charAt(i++));
      }
    }
    return b.toString();
  }

  static String removeComments(String s) {
    StringBuilder b = new StringBuilder(s.length());
    int n = s.length();
    int i = 0;
    while (i < n) {
      char c = s.charAt(i);
      if (c == '/' && i + 1 < n && s.charAt(i + 1) == '*') {
        int e = s.indexOf("*/", i + 2);
        if (e < 0) {
          break;
        }
        i = e + 2;
      } else if (c == '<' && s.startsWith("<!--", i)) {
        int e = s.indexOf("-->", i + 4);
        if (e < 0) {
          break;
        }
        i = e + 3;
      } else if ((c == '-' && i + 1 < n && s.charAt(i + 1) == '-') || c == '#') {
        break;
      } else {
        b.append(c);
        i++;
      }
    }
    return b.toString();
  }

  static String removeCommentsChar(String s) {
    StringBuilder b = new StringBuilder(s.length());
    int n = s.length();
    int i = 0;
    while (i < n) {
      if (s.startsWith("/*", i) || s.startsWith("*/", i) || s.startsWith("--", i)) {
        i += 2;
      } else if (s.startsWith("<!--", i)) {
        i += 4;
      } else if (s.startsWith("-->", i)) {
        i += 3;
      } else if (s.charAt(i) == '#') {
        i++;
      } else {
        b.append(s.charAt(i++));
      }
    }
    return b.toString();
  }

  /** Removes {@code ./} and {@code x/../} segments and repeated slashes; Win converts backslashes first. */
  static String normalisePath(String s, boolean win) {
    if (win) {
      s = s.replace('\\', '/');
    }
    if (s.isEmpty()) {
      return s;
    }
    boolean absolute = s.startsWith("/");
    boolean trailing = s.endsWith("/") || s.endsWith("/.") || s.endsWith("/..");
    String[] parts = s.split("/+", -1);
    java.util.ArrayDeque<String> out = new java.util.ArrayDeque<>();
    for (String p : parts) {
      if (p.isEmpty() || p.equals(".")) {
        continue;
      }
      if (p.equals("..")) {
        if (!out.isEmpty() && !out.peekLast().equals("..")) {
          out.pollLast();
        } else if (!absolute) {
          out.addLast("..");
        }
        continue;
      }
      out.addLast(p);
    }
    StringBuilder b = new StringBuilder();
    if (absolute) {
      b.append('/');
    }
    b.append(String.join("/", out));
    if (trailing && b.length() > 0 && b.charAt(b.length() - 1) != '/') {
      b.append('/');
    }
    return b.toString();
  }

  /** UTF-8 multi-byte sequences to {@code %uHHHH}, as ModSecurity's utf8toUnicode does. */
  static String utf8ToUnicode(String s) {
    StringBuilder b = null;
    int n = s.length();
    for (int i = 0; i < n; i++) {
      int c = s.charAt(i);
      int len = c >= 0xf0 && c < 0xf8 ? 4 : c >= 0xe0 && c < 0xf0 ? 3 : c >= 0xc0 && c < 0xe0 ? 2 : 1;
      if (len > 1 && i + len <= n) {
        int cp = c & (0xff >> (len + 1));
        boolean ok = true;
        for (int k = 1; k < len; k++) {
          int d = s.charAt(i + k);
          if ((d & 0xc0) != 0x80) {
            ok = false;
            break;
          }
          cp = (cp << 6) | (d & 0x3f);
        }
        if (ok) {
          if (b == null) {
            b = new StringBuilder(n + 16).append(s, 0, i);
          }
          b.append("%u").append(String.format("%04x", cp));
          i += len - 1;
          continue;
        }
      }
      if (b != null) {
        b.append((char) c);
      }
    }
    return b == null ? s : b.toString();
  }

  static String base64Decode(String s, boolean ext) {
    StringBuilder clean = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/') {
        clean.append(c);
      } else if (c == '=' || !ext) {
        break;
      }
    }
    int len = clean.length() - clean.length() % 4;
    if (clean.length() % 4 == 2 || clean.length() % 4 == 3) {
      len = clean.length();
    }
    try {
      byte[] d = Base64.getDecoder().decode(pad(clean.substring(0, len)));
      return new String(d, StandardCharsets.ISO_8859_1);
    } catch (IllegalArgumentException e) {
      return "";
    }
  }

  private static String pad(String s) {
    return switch (s.length() % 4) {
      case 2 -> s + "==";
      case 3 -> s + "=";
      default -> s;
    };
  }

  static String hexDecode(String s) {
    StringBuilder b = new StringBuilder(s.length() / 2);
    for (int i = 0; i + 1 < s.length(); i += 2) {
      int h = hex(s.charAt(i));
      int l = hex(s.charAt(i + 1));
      b.append((char) (((h < 0 ? 0 : h) << 4) | (l < 0 ? 0 : l)));
    }
    return b.toString();
  }

  static String hexEncode(String s) {
    StringBuilder b = new StringBuilder(s.length() * 2);
    for (int i = 0; i < s.length(); i++) {
      b.append(String.format("%02x", (int) s.charAt(i) & 0xff));
    }
    return b.toString();
  }

  static String sqlHexDecode(String s) {
    StringBuilder b = new StringBuilder(s.length());
    int n = s.length();
    int i = 0;
    while (i < n) {
      if (s.charAt(i) == '0' && i + 3 < n && (s.charAt(i + 1) == 'x' || s.charAt(i + 1) == 'X')
          && isHex(s.charAt(i + 2)) && isHex(s.charAt(i + 3))) {
        i += 2;
        while (i + 1 < n && isHex(s.charAt(i)) && isHex(s.charAt(i + 1))) {
          b.append((char) ((hex(s.charAt(i)) << 4) | hex(s.charAt(i + 1))));
          i += 2;
        }
      } else {
        b.append(s.charAt(i++));
      }
    }
    return b.toString();
  }

  static String escapeSeqDecode(String s) {
    return jsDecode(s);
  }

  private static String digest(String alg, String s) {
    try {
      byte[] d = MessageDigest.getInstance(alg).digest(s.getBytes(StandardCharsets.ISO_8859_1));
      return new String(d, StandardCharsets.ISO_8859_1);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
