package dev.citadel.waf.seclang;

import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** SecLang operators, compiled at load. Parameters holding macros ({@code %{tx.x}}) are expanded per request. */
public final class Operators {

  /** A compiled operator; {@code negated} is applied by the caller. */
  public interface Operator {
    boolean matches(Transaction tx, String input);

    default boolean needsInjectionDetector() {
      return false;
    }

    String name();

    boolean negated();
  }

  private Operators() {}

  static final int REGEX_FLAGS = Pattern.DOTALL;

  /** Compiles {@code [!]@name param} (no {@code @} means {@code @rx}); {@code baseDir} resolves data files. */
  static Operator compile(String spec, Path baseDir, List<String> warnings) {
    String s = spec.strip();
    boolean neg = false;
    if (s.startsWith("!")) {
      neg = true;
      s = s.substring(1).strip();
    }
    String name;
    String param;
    if (s.startsWith("@")) {
      int sp = indexOfSpace(s);
      name = (sp < 0 ? s.substring(1) : s.substring(1, sp)).toLowerCase(Locale.ROOT);
      param = sp < 0 ? "" : s.substring(sp + 1).strip();
    } else {
      name = "rx";
      param = s;
    }
    boolean dyn = param.contains("%{");
    final boolean negated = neg;
    final String opName = name;
    return switch (name) {
      case "rx" -> dyn ? dynamicRx(param, negated) : rx(Pattern.compile(RegexTranslator.toJava(param), REGEX_FLAGS), negated);
      case "pm" -> pm(new AhoCorasick(Arrays.asList(param.split("\\s+"))), negated, opName);
      case "pmf", "pmfromfile" -> pm(new AhoCorasick(readPhrases(param, baseDir)), negated, opName);
      case "streq" -> str(opName, param, negated, (in, p) -> in.equals(p));
      case "beginswith" -> str(opName, param, negated, (in, p) -> in.startsWith(p));
      case "endswith" -> str(opName, param, negated, (in, p) -> in.endsWith(p));
      case "contains" -> str(opName, param, negated, (in, p) -> in.contains(p));
      case "containsword" -> str(opName, param, negated, Operators::containsWord);
      case "within" -> str(opName, param, negated, (in, p) -> p.contains(in));
      case "strmatch" -> str(opName, param, negated, (in, p) -> in.contains(p));
      case "eq" -> num(opName, param, negated, c -> c == 0);
      case "ge" -> num(opName, param, negated, c -> c >= 0);
      case "gt" -> num(opName, param, negated, c -> c > 0);
      case "le" -> num(opName, param, negated, c -> c <= 0);
      case "lt" -> num(opName, param, negated, c -> c < 0);
      case "ipmatch" -> ipMatch(param, negated);
      case "validatebyterange" -> byteRange(param, negated);
      case "validateurlencoding" -> simple(opName, negated, Operators::invalidUrlEncoding);
      case "validateutf8encoding" -> simple(opName, negated, Operators::invalidUtf8);
      case "unconditionalmatch" -> simple(opName, negated, in -> true);
      case "nomatch" -> simple(opName, negated, in -> false);
      case "detectsqli" -> detector(opName, negated, true);
      case "detectxss" -> detector(opName, negated, false);
      default -> {
        // @rbl, @geoLookup, @ipMatchFromFile, @inspectFile, @verifyCC... need outside services or files the
        // edge does not have; such a rule never matches and the loader says which.
        warnings.add("operator @" + name + " is not supported; its rule never matches");
        yield simple(opName, negated, in -> false);
      }
    };
  }

  private static int indexOfSpace(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.isWhitespace(s.charAt(i))) {
        return i;
      }
    }
    return -1;
  }

  static List<String> readPhrases(String files, Path baseDir) {
    List<String> words = new ArrayList<>();
    for (String f : files.split("\\s+")) {
      Path p = baseDir.resolve(f);
      try {
        for (String line : Files.readAllLines(p, StandardCharsets.ISO_8859_1)) {
          String l = line.strip();
          if (!l.isEmpty() && !l.startsWith("#")) {
            words.add(l);
          }
        }
      } catch (IOException e) {
        throw new SecLangException("cannot read data file " + p, e);
      }
    }
    return words;
  }

  private interface StrTest {
    boolean test(String input, String param);
  }

  private interface CmpTest {
    boolean test(int cmp);
  }

  private interface InTest {
    boolean test(String input);
  }

  private static Operator rx(Pattern pattern, boolean negated) {
    return new Operator() {
      @Override
      public boolean matches(Transaction tx, String input) {
        Matcher m = pattern.matcher(tx == null ? input : tx.budgeted(input));
        try {
          if (!m.find()) {
            return false;
          }
        } catch (Transaction.RegexBudgetExceeded e) {
          return false;
        } catch (StackOverflowError e) {
          // java.util.regex recurses per repetition; a long run of one character can exhaust the stack. The
          // search is abandoned and the request counted as not completely inspected, like a spent budget.
          if (tx != null) {
            tx.budgetExceeded = true;
          }
          return false;
        }
        if (tx.capturing()) {
          int groups = Math.min(m.groupCount(), 9);
          for (int g = 0; g <= groups; g++) {
            String v = m.group(g);
            tx.capture(g, v == null ? "" : v);
          }
        }
        return true;
      }

      @Override
      public String name() {
        return "rx";
      }

      @Override
      public boolean negated() {
        return negated;
      }
    };
  }

  private static Operator dynamicRx(String param, boolean negated) {
    ConcurrentHashMap<String, Operator> cache = new ConcurrentHashMap<>();
    return new Operator() {
      @Override
      public boolean matches(Transaction tx, String input) {
        String p = tx.expand(param);
        Operator op = cache.size() < 256 ? cache.computeIfAbsent(p, k -> compiled(k)) : compiled(p);
        return op.matches(tx, input);
      }

      private Operator compiled(String p) {
        return rx(Pattern.compile(RegexTranslator.toJava(p), REGEX_FLAGS), false);
      }

      @Override
      public String name() {
        return "rx";
      }

      @Override
      public boolean negated() {
        return negated;
      }
    };
  }

  private static Operator pm(AhoCorasick ac, boolean negated, String name) {
    return new Operator() {
      @Override
      public boolean matches(Transaction tx, String input) {
        String hit = ac.find(input);
        if (hit != null && tx.capturing()) {
          tx.capture(0, hit);
        }
        return hit != null;
      }

      @Override
      public String name() {
        return name;
      }

      @Override
      public boolean negated() {
        return negated;
      }
    };
  }

  private static Operator str(String name, String param, boolean negated, StrTest t) {
    boolean dyn = param.contains("%{");
    return new Operator() {
      @Override
      public boolean matches(Transaction tx, String input) {
        String p = dyn ? tx.expand(param) : param;
        boolean r = t.test(input, p);
        if (r && tx.capturing()) {
          tx.capture(0, input);
        }
        return r;
      }

      @Override
      public String name() {
        return name;
      }

      @Override
      public boolean negated() {
        return negated;
      }
    };
  }

  static long toNumber(String s) {
    s = s.strip();
    int i = 0;
    if (i < s.length() && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
      i++;
    }
    int st = i;
    while (i < s.length() && Character.isDigit(s.charAt(i))) {
      i++;
    }
    if (i == st) {
      return 0;
    }
    try {
      return Long.parseLong(s.substring(0, i));
    } catch (NumberFormatException e) {
      return new BigInteger(s.substring(0, i)).signum() > 0 ? Long.MAX_VALUE : Long.MIN_VALUE;
    }
  }

  private static Operator num(String name, String param, boolean negated, CmpTest t) {
    boolean dyn = param.contains("%{");
    long fixed = dyn ? 0 : toNumber(param);
    return new Operator() {
      @Override
      public boolean matches(Transaction tx, String input) {
        long p = dyn ? toNumber(tx.expand(param)) : fixed;
        return t.test(Long.compare(toNumber(input), p));
      }

      @Override
      public String name() {
        return name;
      }

      @Override
      public boolean negated() {
        return negated;
      }
    };
  }

  private static Operator simple(String name, boolean negated, InTest t) {
    return new Operator() {
      @Override
      public boolean matches(Transaction tx, String input) {
        return t.test(input);
      }

      @Override
      public String name() {
        return name;
      }

      @Override
      public boolean negated() {
        return negated;
      }
    };
  }

  private static Operator detector(String name, boolean negated, boolean sqli) {
    return new Operator() {
      @Override
      public boolean matches(Transaction tx, String input) {
        InjectionDetector d = tx.injectionDetector();
        if (d == null) {
          return false;
        }
        boolean r = sqli ? d.isSqli(input) : d.isXss(input);
        if (r && tx.capturing()) {
          tx.capture(0, input);
        }
        return r;
      }

      @Override
      public boolean needsInjectionDetector() {
        return true;
      }

      @Override
      public String name() {
        return name;
      }

      @Override
      public boolean negated() {
        return negated;
      }
    };
  }

  static boolean containsWord(String in, String p) {
    if (p.isEmpty()) {
      return true;
    }
    int from = 0;
    while (true) {
      int i = in.indexOf(p, from);
      if (i < 0) {
        return false;
      }
      int e = i + p.length();
      boolean left = i == 0 || !isWordChar(in.charAt(i - 1));
      boolean right = e == in.length() || !isWordChar(in.charAt(e));
      if (left && right) {
        return true;
      }
      from = i + 1;
    }
  }

  private static boolean isWordChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_';
  }

  private static Operator byteRange(String param, boolean negated) {
    boolean[] ok = new boolean[256];
    for (String part : param.split(",")) {
      String r = part.strip();
      if (r.isEmpty()) {
        continue;
      }
      int dash = r.indexOf('-');
      int lo = Integer.parseInt((dash < 0 ? r : r.substring(0, dash)).strip());
      int hi = dash < 0 ? lo : Integer.parseInt(r.substring(dash + 1).strip());
      for (int b = lo; b <= hi && b < 256; b++) {
        ok[b] = true;
      }
    }
    return simple("validateByteRange", negated, in -> {
      for (int i = 0; i < in.length(); i++) {
        if (!ok[in.charAt(i) & 0xff]) {
          return true;
        }
      }
      return false;
    });
  }

  static boolean invalidUrlEncoding(String in) {
    int n = in.length();
    for (int i = 0; i < n; i++) {
      if (in.charAt(i) == '%') {
        if (i + 2 >= n || hexVal(in.charAt(i + 1)) < 0 || hexVal(in.charAt(i + 2)) < 0) {
          return true;
        }
        i += 2;
      }
    }
    return false;
  }

  private static int hexVal(char c) {
    return Character.digit(c, 16);
  }

  /** True when the bytes are not well-formed UTF-8 (overlong forms and surrogates included). */
  static boolean invalidUtf8(String in) {
    int n = in.length();
    int i = 0;
    while (i < n) {
      int c = in.charAt(i) & 0xff;
      int len;
      int min;
      if (c < 0x80) {
        i++;
        continue;
      } else if (c >= 0xc2 && c <= 0xdf) {
        len = 2;
        min = 0x80;
      } else if (c >= 0xe0 && c <= 0xef) {
        len = 3;
        min = 0x800;
      } else if (c >= 0xf0 && c <= 0xf4) {
        len = 4;
        min = 0x10000;
      } else {
        return true;
      }
      if (i + len > n) {
        return true;
      }
      int cp = c & (0xff >> (len + 1));
      for (int k = 1; k < len; k++) {
        int d = in.charAt(i + k) & 0xff;
        if ((d & 0xc0) != 0x80) {
          return true;
        }
        cp = (cp << 6) | (d & 0x3f);
      }
      if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
        return true;
      }
      i += len;
    }
    return false;
  }

  private record Cidr(byte[] net, int bits) {
    boolean contains(byte[] a) {
      if (a.length != net.length) {
        return false;
      }
      int full = bits / 8;
      for (int i = 0; i < full; i++) {
        if (a[i] != net[i]) {
          return false;
        }
      }
      int rem = bits % 8;
      if (rem == 0) {
        return true;
      }
      int mask = (0xff << (8 - rem)) & 0xff;
      return (a[full] & mask) == (net[full] & mask);
    }
  }

  private static Operator ipMatch(String param, boolean negated) {
    List<Cidr> nets = new ArrayList<>();
    for (String part : param.split("[,\\s]+")) {
      if (part.isEmpty()) {
        continue;
      }
      int slash = part.indexOf('/');
      byte[] addr = ipLiteral(slash < 0 ? part : part.substring(0, slash));
      if (addr == null) {
        throw new SecLangException("@ipMatch: not an IP address: " + part);
      }
      int bits = slash < 0 ? addr.length * 8 : Integer.parseInt(part.substring(slash + 1));
      nets.add(new Cidr(addr, bits));
    }
    return simple("ipMatch", negated, in -> {
      byte[] a = ipLiteral(in.strip());
      return a != null && nets.stream().anyMatch(c -> c.contains(a));
    });
  }

  /** An IP literal's bytes without any DNS lookup, or null. */
  static byte[] ipLiteral(String s) {
    if (s.isEmpty() || !(s.indexOf(':') >= 0 || s.matches("[0-9.]+"))) {
      return null;
    }
    if (s.indexOf(':') < 0 && !s.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
      return null;
    }
    if (s.indexOf(':') >= 0 && !s.matches("[0-9a-fA-F:.]+")) {
      return null;
    }
    try {
      return InetAddress.getByName(s).getAddress();
    } catch (UnknownHostException e) {
      return null;
    }
  }
}
