package dev.citadel.edge.waf;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Normalisations applied to a value before a rule's operator sees it, in the order the rule lists them.
 * They undo the encodings attackers use to slip past pattern matching (double URL encoding, entities,
 * full-width characters, SQL comments between keywords, shell quoting tricks). Names are the YAML keys.
 */
enum Transformation {
    /** Repeated URL decoding (double/triple encoding), {@code %uXXXX} included, at most {@value #MAX_DECODE_ROUNDS} rounds. */
    URL_DECODE("url_decode") {
        @Override String apply(String s) {
            return PercentDecoder.decodeRepeatedly(s, MAX_DECODE_ROUNDS);
        }
    },
    /** Named, decimal and hex character references, with or without the trailing semicolon (browsers accept both). */
    HTML_ENTITY_DECODE("html_entity_decode") {
        @Override String apply(String s) {
            return s.indexOf('&') < 0 ? s : decodeEntities(s);
        }
    },
    /** Unicode NFKC: full-width {@code ＜script＞} and ligatures fold to their ASCII forms. */
    NFKC("nfkc") {
        @Override String apply(String s) {
            return isAscii(s) ? s : Normalizer.normalize(s, Normalizer.Form.NFKC);
        }
    },
    LOWERCASE("lowercase") {
        @Override String apply(String s) {
            return s.toLowerCase(Locale.ROOT);
        }
    },
    /** Every run of whitespace (tabs, newlines, vertical tab, no-break space) becomes one space. */
    COMPRESS_WHITESPACE("compress_whitespace") {
        @Override String apply(String s) {
            return needsWhitespaceCompression(s) ? WHITESPACE.matcher(s).replaceAll(" ") : s;
        }
    },
    /**
     * SQL comments between keywords ({@code UNION/**}{@code /SELECT}) become a space; MySQL's versioned comments
     * {@code /*!50000 ...*}{@code /} keep their body because MySQL executes it. A linear scan, not a lazy regex:
     * thousands of unterminated {@code /*!} would make a regex quadratic.
     */
    REMOVE_SQL_COMMENTS("remove_sql_comments") {
        @Override String apply(String s) {
            return s.indexOf("/*") < 0 ? s : removeSqlComments(s);
        }
    },
    REMOVE_NULLS("remove_nulls") {
        @Override String apply(String s) {
            return s.indexOf('\0') < 0 ? s : s.replace("\0", "");
        }
    },
    /** Backslashes to slashes and duplicate slashes collapsed, so Windows and doubled separators match one pattern. */
    NORMALIZE_PATH("normalize_path") {
        @Override String apply(String s) {
            if (s.indexOf('\\') < 0 && !s.contains("//")) {
                return s;
            }
            return MULTI_SLASH.matcher(s.replace('\\', '/')).replaceAll("/");
        }
    },
    /**
     * After CRS {@code cmdLine}: drops shell quoting and escaping ({@code w'h'o"am"i}, {@code c^md}, {@code c\\at}),
     * turns {@code $IFS} / {@code ${IFS}} into a space, folds every whitespace run into one character and
     * lowercases. A run containing a newline becomes a newline, because newlines separate shell commands.
     */
    CMD_LINE("cmd_line") {
        @Override String apply(String s) {
            StringBuilder out = new StringBuilder(s.length());
            int runStart = -1;
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '\\' || c == '"' || c == '\'' || c == '^') {
                    continue;
                }
                if (Character.isWhitespace(c) || c == '\u00a0') {
                    if (runStart < 0) {
                        runStart = out.length();
                        out.append(' ');
                    }
                    if (c == '\n' || c == '\r') {
                        out.setCharAt(runStart, '\n');
                    }
                } else {
                    runStart = -1;
                    out.append(Character.toLowerCase(c));
                }
            }
            String folded = out.toString();
            return folded.contains("ifs") ? BLANKS.matcher(IFS.matcher(folded).replaceAll(" ")).replaceAll(" ") : folded;
        }
    };

    static final int MAX_DECODE_ROUNDS = 3;
    private static final Pattern WHITESPACE = Pattern.compile("[\\s\\u00a0\\u000b]+");
    private static final Pattern MULTI_SLASH = Pattern.compile("/{2,}");
    private static final Pattern IFS = Pattern.compile("\\$\\{?ifs\\}?", Pattern.CASE_INSENSITIVE);
    private static final Pattern BLANKS = Pattern.compile("[ \\t\\u00a0]+");
    private static final Pattern ENTITY = Pattern.compile("&(#[xX][0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-zA-Z]{2,8});?");
    private static final Map<String, String> NAMED_ENTITIES = Map.ofEntries(
            Map.entry("lt", "<"), Map.entry("gt", ">"), Map.entry("amp", "&"), Map.entry("quot", "\""),
            Map.entry("apos", "'"), Map.entry("nbsp", " "), Map.entry("colon", ":"), Map.entry("tab", "\t"),
            Map.entry("newline", "\n"), Map.entry("lpar", "("), Map.entry("rpar", ")"), Map.entry("sol", "/"),
            Map.entry("bsol", "\\"), Map.entry("grave", "`"), Map.entry("equals", "="), Map.entry("semi", ";"),
            Map.entry("period", "."), Map.entry("excl", "!"), Map.entry("num", "#"), Map.entry("percnt", "%"));

    private final String key;

    Transformation(String key) {
        this.key = key;
    }

    abstract String apply(String s);

    String key() {
        return key;
    }

    static Transformation fromKey(String key) {
        for (Transformation t : values()) {
            if (t.key.equals(key)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown transformation '" + key + "'");
    }

    private static String removeSqlComments(String s) {
        StringBuilder out = new StringBuilder(s.length());
        boolean inVersioned = false;
        int i = 0;
        while (i < s.length()) {
            if (s.startsWith("/*!", i)) {
                out.append(' ');
                i += 3;
                while (i < s.length() && Character.isDigit(s.charAt(i))) {
                    i++;
                }
                inVersioned = true;
            } else if (inVersioned && s.startsWith("*/", i)) {
                out.append(' ');
                i += 2;
                inVersioned = false;
            } else if (s.startsWith("/*", i)) {
                int end = s.indexOf("*/", i + 2);
                out.append(' ');
                i = end < 0 ? s.length() : end + 2;
            } else {
                out.append(s.charAt(i++));
            }
        }
        return out.toString();
    }

    private static String decodeEntities(String s) {
        Matcher m = ENTITY.matcher(s);
        StringBuilder out = new StringBuilder(s.length());
        while (m.find()) {
            String body = m.group(1);
            String replacement;
            if (body.charAt(0) == '#') {
                boolean hex = body.length() > 1 && (body.charAt(1) == 'x' || body.charAt(1) == 'X');
                int cp = Integer.parseInt(body.substring(hex ? 2 : 1), hex ? 16 : 10);
                replacement = Character.isValidCodePoint(cp) ? new String(Character.toChars(cp)) : m.group();
            } else {
                replacement = NAMED_ENTITIES.getOrDefault(body.toLowerCase(Locale.ROOT), m.group());
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** True unless every whitespace character is a lone plain space (the common case, left untouched). */
    private static boolean needsWhitespaceCompression(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ' ') {
                if (i + 1 < s.length() && Character.isWhitespace(s.charAt(i + 1))) {
                    return true;
                }
            } else if (Character.isWhitespace(c) || c == '\u00a0' || c == '\u000b') {
                return true;
            }
        }
        return false;
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) > 0x7f) {
                return false;
            }
        }
        return true;
    }
}
