package dev.citadel.libinjection;

import dev.citadel.libinjection.Html5Tokenizer.Context;

/**
 * libinjection's XSS detector: tokenizes the input as HTML5, starting in text and inside each kind of
 * attribute value, and flags any doctype, any blacklisted tag, any event-handler or otherwise dangerous attribute,
 * URL attributes whose value starts with a script-capable scheme, and comments that old browsers execute.
 * Stateless; every call tokenizes with its own small tokenizer.
 */
final class XssDetector {

    /** What an attribute's name says about its value. */
    private enum AttributeKind {
        NONE,
        /** Dangerous whatever its value. */
        BLACK,
        /** Takes a URL: dangerous with a script-capable scheme. */
        URL,
        /** Inline style: always dangerous. */
        STYLE,
        /** Names another attribute in its value (SVG's attributeName). */
        INDIRECT
    }

    private record BlackAttribute(String name, AttributeKind kind) {
    }

    /** Tags that run or load code, or change how the rest of the page is parsed. */
    private static final String[] BLACK_TAGS = {
        "APPLET", "BASE", "COMMENT", "EMBED", "FRAME", "FRAMESET", "HANDLER", "IFRAME", "IMPORT", "ISINDEX",
        "LINK", "LISTENER", "META", "NOSCRIPT", "OBJECT", "SCRIPT", "STYLE", "VMLFRAME", "XML", "XSS"
    };

    private static final BlackAttribute[] BLACK_ATTRIBUTES = {
        new BlackAttribute("ACTION", AttributeKind.URL),
        new BlackAttribute("ATTRIBUTENAME", AttributeKind.INDIRECT),
        new BlackAttribute("BY", AttributeKind.URL),
        new BlackAttribute("BACKGROUND", AttributeKind.URL),
        new BlackAttribute("DATAFORMATAS", AttributeKind.BLACK),
        new BlackAttribute("DATASRC", AttributeKind.BLACK),
        new BlackAttribute("DYNSRC", AttributeKind.URL),
        new BlackAttribute("FILTER", AttributeKind.STYLE),
        new BlackAttribute("FORMACTION", AttributeKind.URL),
        new BlackAttribute("FOLDER", AttributeKind.URL),
        new BlackAttribute("FROM", AttributeKind.URL),
        new BlackAttribute("HANDLER", AttributeKind.URL),
        new BlackAttribute("HREF", AttributeKind.URL),
        new BlackAttribute("LOWSRC", AttributeKind.URL),
        new BlackAttribute("POSTER", AttributeKind.URL),
        new BlackAttribute("SRC", AttributeKind.URL),
        new BlackAttribute("STYLE", AttributeKind.STYLE),
        new BlackAttribute("TO", AttributeKind.URL),
        new BlackAttribute("VALUES", AttributeKind.URL),
        new BlackAttribute("XLINK:HREF", AttributeKind.URL),
    };

    /** URL prefixes that run script or show markup; "JAVA" covers javascript: and java: alike. */
    private static final String[] BLACK_URL_PREFIXES = {"DATA", "VIEW-SOURCE", "JAVA", "VBSCRIPT"};

    private XssDetector() {
    }

    /** libinjection_xss: XSS in any of the five contexts. */
    static boolean isXss(String input) {
        for (Context context : Context.values()) {
            if (isXss(input, context)) {
                return true;
            }
        }
        return false;
    }

    static boolean isXss(String s, Context context) {
        Html5Tokenizer h5 = new Html5Tokenizer(s, context);
        AttributeKind attr = AttributeKind.NONE;
        while (h5.next()) {
            int start = h5.start();
            int len = h5.length();
            Html5Tokenizer.TokenType type = h5.type();
            if (type != Html5Tokenizer.TokenType.ATTR_VALUE) {
                attr = AttributeKind.NONE;
            }
            switch (type) {
                case DOCTYPE -> {
                    return true;
                }
                case TAG_NAME_OPEN -> {
                    if (isBlackTag(s, start, len)) {
                        return true;
                    }
                }
                case ATTR_NAME -> attr = blackAttribute(s, start, len);
                case ATTR_VALUE -> {
                    switch (attr) {
                        case BLACK, STYLE -> {
                            return true;
                        }
                        case URL -> {
                            if (isBlackUrl(s, start, len)) {
                                return true;
                            }
                        }
                        case INDIRECT -> {
                            if (blackAttribute(s, start, len) != AttributeKind.NONE) {
                                return true;
                            }
                        }
                        case NONE -> {
                            // harmless attribute
                        }
                    }
                    attr = AttributeKind.NONE;
                }
                case TAG_COMMENT -> {
                    if (isDangerousComment(s, start, len)) {
                        return true;
                    }
                }
                default -> {
                    // text, closing tags
                }
            }
        }
        return false;
    }

    private static boolean isDangerousComment(String s, int start, int len) {
        for (int i = start; i < start + len; i++) {
            if (s.charAt(i) == '`') {
                // IE ends tags at a backquote.
                return true;
            }
        }
        if (len > 3) {
            // IE conditional comments <!--[if ...]> and <?xml ...> processing instructions.
            if (s.charAt(start) == '[' && upper(s.charAt(start + 1)) == 'I' && upper(s.charAt(start + 2)) == 'F') {
                return true;
            }
            if (upper(s.charAt(start)) == 'X' && upper(s.charAt(start + 1)) == 'M'
                    && upper(s.charAt(start + 2)) == 'L') {
                return true;
            }
        }
        if (len > 5) {
            // IE's <?import ...> and XML entity definitions.
            return equalsIgnoringNul("IMPORT", s, start, 6) || equalsIgnoringNul("ENTITY", s, start, 6);
        }
        return false;
    }

    private static boolean isBlackTag(String s, int start, int len) {
        if (len < 3) {
            return false;
        }
        for (String tag : BLACK_TAGS) {
            if (equalsIgnoringNul(tag, s, start, len)) {
                return true;
            }
        }
        // Anything SVG or XSL(T).
        return startsWithLetters(s, start, "SVG") || startsWithLetters(s, start, "XSL");
    }

    private static AttributeKind blackAttribute(String s, int start, int len) {
        if (len < 2) {
            return AttributeKind.NONE;
        }
        if (len >= 5) {
            // Event handlers (on*), and xmlns/xlink which can create arbitrary tags.
            if (startsWithLetters(s, start, "ON")) {
                return AttributeKind.BLACK;
            }
            if (equalsIgnoringNul("XMLNS", s, start, 5) || equalsIgnoringNul("XLINK", s, start, 5)) {
                return AttributeKind.BLACK;
            }
        }
        for (BlackAttribute black : BLACK_ATTRIBUTES) {
            if (equalsIgnoringNul(black.name(), s, start, len)) {
                return black.kind();
            }
        }
        return AttributeKind.NONE;
    }

    private static boolean isBlackUrl(String s, int start, int len) {
        int p = start;
        int n = len;
        // Skip leading control characters, white space and non-ASCII (Opera takes UTF-8 white space).
        while (n > 0 && (s.charAt(p) <= 32 || s.charAt(p) >= 127)) {
            p++;
            n--;
        }
        for (String prefix : BLACK_URL_PREFIXES) {
            if (htmlDecodedStartsWith(prefix, s, p, n)) {
                return true;
            }
        }
        return false;
    }

    private static char upper(char c) {
        return c >= 'a' && c <= 'z' ? (char) (c - 0x20) : c;
    }

    private static boolean startsWithLetters(String s, int start, String upperPrefix) {
        for (int i = 0; i < upperPrefix.length(); i++) {
            if (upper(s.charAt(start + i)) != upperPrefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether {@code s[start, start+n)} with its NUL characters removed equals {@code upper}, folding a-z.
     * Browsers ignore NULs in names, so {@code o\0nload} is {@code onload}.
     */
    private static boolean equalsIgnoringNul(String upper, String s, int start, int n) {
        int a = 0;
        for (int i = start; i < start + n; i++) {
            char c = s.charAt(i);
            if (c == 0) {
                continue;
            }
            if (a >= upper.length() || upper.charAt(a) != upper(c)) {
                return false;
            }
            a++;
        }
        return a == upper.length();
    }

    /**
     * Whether the HTML-encoded text {@code s[start, start+n)} starts with {@code upper}, decoding numeric
     * character references, ignoring leading control characters and white space, and NUL and newline anywhere.
     */
    private static boolean htmlDecodedStartsWith(String upper, String s, int start, int n) {
        int a = 0;
        int p = start;
        int end = start + n;
        boolean first = true;
        while (p < end) {
            if (a == upper.length()) {
                return true;
            }
            long decodedAndConsumed = decodeCharAt(s, p, end);
            int decoded = (int) decodedAndConsumed;
            p += Math.min((int) (decodedAndConsumed >>> 32), end - p);
            if (first && decoded <= 32) {
                continue;
            }
            first = false;
            if (decoded == 0 || decoded == '\n') {
                continue;
            }
            if (decoded >= 'a' && decoded <= 'z') {
                decoded -= 0x20;
            }
            // libinjection compares the low byte of the decoded code point.
            if (upper.charAt(a) != (decoded & 0xFF)) {
                return false;
            }
            a++;
        }
        return a == upper.length();
    }

    /** The character as libinjection reads it: C strings run on past a token, up to the input's terminator. */
    private static int byteAt(String s, int i) {
        return i < s.length() ? s.charAt(i) : 0;
    }

    private static int hexValue(int c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        } else if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        } else if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    /**
     * Decodes the character at {@code p} (of a token ending at {@code end}): a numeric character reference
     * {@code &#65;} or {@code &#x41;} (the ';' is optional) or a plain character. Named references and malformed
     * ones decode to '&'. Returns the code point in the low 32 bits and the characters consumed in the high ones.
     */
    private static long decodeCharAt(String s, int p, int end) {
        int len = end - p;
        char c0 = s.charAt(p);
        if (c0 != '&' || len < 2) {
            return result(c0, 1);
        }
        if (s.charAt(p + 1) != '#') {
            return result('&', 1);
        }
        int marker = byteAt(s, p + 2);
        boolean hex = marker == 'x' || marker == 'X';
        int radix = hex ? 16 : 10;
        int i = hex ? 3 : 2;
        int digit = hex ? hexValue(byteAt(s, p + i)) : decimalValue(marker);
        if (digit < 0) {
            return result('&', 1);
        }
        int val = digit;
        i++;
        while (i < len) {
            int c = s.charAt(p + i);
            if (c == ';') {
                return result(val, i + 1);
            }
            digit = hex ? hexValue(c) : decimalValue(c);
            if (digit < 0) {
                return result(val, i);
            }
            val = val * radix + digit;
            if (val > 0x1000FF) {
                return result('&', 1);
            }
            i++;
        }
        return result(val, i);
    }

    private static int decimalValue(int c) {
        return c >= '0' && c <= '9' ? c - '0' : -1;
    }

    private static long result(int value, int consumed) {
        return ((long) consumed << 32) | (value & 0xFFFFFFFFL);
    }
}
