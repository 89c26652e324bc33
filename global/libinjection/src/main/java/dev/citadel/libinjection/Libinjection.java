package dev.citadel.libinjection;

import java.util.Objects;

/**
 * SQL injection and XSS detection with the algorithms and data of libinjection 3.9.2, the library behind
 * ModSecurity's {@code @detectSQLi} and {@code @detectXSS} operators.
 *
 * <p>Characters are treated like the bytes libinjection sees: ASCII keeps its meaning, every other character
 * (except U+00A0, white space in MySQL) is part of a word. Passing the request bytes decoded as ISO-8859-1
 * therefore reproduces libinjection byte for byte.
 *
 * <p>Inputs must not be null. All methods are thread-safe. The SQLi detector reuses one small per-thread state (no allocation per call
 * after a thread's first); the XSS detector allocates one tokenizer per context tried.
 */
public final class Libinjection {

    private static final ThreadLocal<SqliDetector> SQLI = ThreadLocal.withInitial(SqliDetector::new);

    private Libinjection() {
    }

    /**
     * libinjection_sqli: whether the input is SQL injection, read as-is, after a single quote and after a
     * double quote.
     */
    public static boolean isSqli(String input) {
        Objects.requireNonNull(input, "input");
        return SQLI.get().isSqli(input);
    }

    /**
     * The fingerprint (token types, e.g. {@code s&sos}) with which the input was detected as SQL injection,
     * or null when {@link #isSqli} is false for it.
     */
    public static String sqliFingerprint(String input) {
        Objects.requireNonNull(input, "input");
        SqliDetector detector = SQLI.get();
        return detector.isSqli(input) ? detector.fingerprint() : null;
    }

    /**
     * libinjection_xss: whether the input is XSS, read as HTML text and as the inside of an unquoted,
     * single-, double- and back-quoted attribute value.
     */
    public static boolean isXss(String input) {
        Objects.requireNonNull(input, "input");
        return XssDetector.isXss(input);
    }
}
