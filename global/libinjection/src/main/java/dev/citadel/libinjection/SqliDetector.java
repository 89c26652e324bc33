package dev.citadel.libinjection;

import static dev.citadel.libinjection.SqliTokenType.BACKSLASH;
import static dev.citadel.libinjection.SqliTokenType.BAREWORD;
import static dev.citadel.libinjection.SqliTokenType.COLLATE;
import static dev.citadel.libinjection.SqliTokenType.COLON;
import static dev.citadel.libinjection.SqliTokenType.COMMA;
import static dev.citadel.libinjection.SqliTokenType.COMMENT;
import static dev.citadel.libinjection.SqliTokenType.DOT;
import static dev.citadel.libinjection.SqliTokenType.EVIL;
import static dev.citadel.libinjection.SqliTokenType.EXPRESSION;
import static dev.citadel.libinjection.SqliTokenType.FUNCTION;
import static dev.citadel.libinjection.SqliTokenType.GROUP;
import static dev.citadel.libinjection.SqliTokenType.KEYWORD;
import static dev.citadel.libinjection.SqliTokenType.LEFT_BRACE;
import static dev.citadel.libinjection.SqliTokenType.LEFT_PARENS;
import static dev.citadel.libinjection.SqliTokenType.LOGIC_OPERATOR;
import static dev.citadel.libinjection.SqliTokenType.NONE;
import static dev.citadel.libinjection.SqliTokenType.NUMBER;
import static dev.citadel.libinjection.SqliTokenType.OPERATOR;
import static dev.citadel.libinjection.SqliTokenType.RIGHT_BRACE;
import static dev.citadel.libinjection.SqliTokenType.RIGHT_PARENS;
import static dev.citadel.libinjection.SqliTokenType.SEMICOLON;
import static dev.citadel.libinjection.SqliTokenType.SQLTYPE;
import static dev.citadel.libinjection.SqliTokenType.STRING;
import static dev.citadel.libinjection.SqliTokenType.TSQL;
import static dev.citadel.libinjection.SqliTokenType.UNION;
import static dev.citadel.libinjection.SqliTokenType.UNKNOWN;
import static dev.citadel.libinjection.SqliTokenType.VARIABLE;

import java.util.Arrays;

/**
 * libinjection's SQLi detector: tokenize the input as SQL, fold the tokens into at most five, look the
 * five-letter fingerprint up in the fingerprint set, then drop matches that the false-positive rules clear.
 * The input is tried as-is, then (if it has such a quote) as if it followed a single or a double quote,
 * and, where it used MySQL-only comment syntax, once more under MySQL's comment rules.
 *
 * <p>An instance holds the mutable state of one run; it is not thread-safe and is reused per thread.
 */
final class SqliDetector {

    private static final int MAX_TOKENS = 5;

    private static final int QUOTE_NONE = 0;
    private static final int QUOTE_SINGLE = 1;
    private static final int QUOTE_DOUBLE = 2;

    /** What the tokenizer does on a character: libinjection's per-character parser table. */
    private enum Lexer {
        WHITE, OPERATOR1, OPERATOR2, STRING, HASH, MONEY, CHAR, DASH, NUMBER, SLASH, OTHER, VARIABLE, WORD,
        BINARY_STRING, ESCAPED_STRING, NATIONAL_STRING, Q_STRING, UNICODE_STRING, HEX_STRING, BRACKET_WORD,
        BACKSLASH, TICK
    }

    private static final Lexer[] LEXER = new Lexer[128];

    static {
        Arrays.fill(LEXER, Lexer.WORD);
        for (int c = 0; c <= ' '; c++) {
            LEXER[c] = Lexer.WHITE;
        }
        LEXER[127] = Lexer.WHITE;
        for (int c = '0'; c <= '9'; c++) {
            LEXER[c] = Lexer.NUMBER;
        }
        set("!&*:<=>|", Lexer.OPERATOR2);
        set("%+^~", Lexer.OPERATOR1);
        set("\"'", Lexer.STRING);
        set("(),;{}", Lexer.CHAR);
        set("?]", Lexer.OTHER);
        set("bB", Lexer.BINARY_STRING);
        set("eE", Lexer.ESCAPED_STRING);
        set("nN", Lexer.NATIONAL_STRING);
        set("qQ", Lexer.Q_STRING);
        set("uU", Lexer.UNICODE_STRING);
        set("xX", Lexer.HEX_STRING);
        LEXER['#'] = Lexer.HASH;
        LEXER['$'] = Lexer.MONEY;
        LEXER['-'] = Lexer.DASH;
        LEXER['.'] = Lexer.NUMBER;
        LEXER['/'] = Lexer.SLASH;
        LEXER['@'] = Lexer.VARIABLE;
        LEXER['['] = Lexer.BRACKET_WORD;
        LEXER['\\'] = Lexer.BACKSLASH;
        LEXER['`'] = Lexer.TICK;
    }

    private static void set(String chars, Lexer lexer) {
        for (int i = 0; i < chars.length(); i++) {
            LEXER[chars.charAt(i)] = lexer;
        }
    }

    private static final String WORD_DELIMITERS = " []{}<>:\\?=@!#~+-*/&|^%(),';\t\n\u000b\f\r\"\u00a0";
    private static final String VARIABLE_DELIMITERS = " <>:\\?=@!#~+-*/&|^%(),';\t\n\u000b\f\r'`\"";
    private static final String HEX_DIGITS = "0123456789ABCDEFabcdef";
    private static final String ASCII_LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

    /** Folded tokens; three beyond the five of a fingerprint because folding looks ahead. */
    private final SqliToken[] tokens = new SqliToken[MAX_TOKENS + 3];
    private final SqliToken lastComment = new SqliToken();
    private final char[] scratch = new char[SqliToken.MAX_VALUE + 1];
    private final char[] fingerprint = new char[MAX_TOKENS + 1];
    private int fingerprintLen;

    private String s;
    private int slen;
    private int quote;
    private boolean mysql;
    private int pos;
    private SqliToken current;
    private int statsTokens;
    private int statsCommentDdx;
    private int statsCommentHash;

    SqliDetector() {
        for (int i = 0; i < tokens.length; i++) {
            tokens[i] = new SqliToken();
        }
    }

    /** libinjection_is_sqli: whether the input is SQLi in any of the contexts libinjection tries. */
    boolean isSqli(String input) {
        s = input;
        slen = input.length();
        try {
            if (slen == 0) {
                fingerprintLen = 0;
                return false;
            }
            if (matchesIn(QUOTE_NONE)) {
                return true;
            }
            if (input.indexOf('\'') >= 0 && matchesIn(QUOTE_SINGLE)) {
                return true;
            }
            if (input.indexOf('"') >= 0) {
                computeFingerprint(QUOTE_DOUBLE, true);
                return checkFingerprint();
            }
            return false;
        } finally {
            s = null;
        }
    }

    /**
     * The fingerprint of the input read in one context only (quote 0, '\'' or '"'), whether or not it is in
     * the fingerprint set: what the tokenizer and folding make of it.
     */
    String fingerprintIn(String input, char quoteChar, boolean mysqlComments) {
        s = input;
        slen = input.length();
        try {
            computeFingerprint(quoteChar == '\'' ? QUOTE_SINGLE : quoteChar == '"' ? QUOTE_DOUBLE : QUOTE_NONE,
                    mysqlComments);
            return fingerprint();
        } finally {
            s = null;
        }
    }

    /** The fingerprint of the last run (the matching one when {@link #isSqli} returned true). */
    String fingerprint() {
        return new String(fingerprint, 0, fingerprintLen);
    }

    private boolean matchesIn(int quoteContext) {
        computeFingerprint(quoteContext, false);
        if (checkFingerprint()) {
            return true;
        }
        if (statsCommentDdx > 0 || statsCommentHash > 0) {
            computeFingerprint(quoteContext, true);
            return checkFingerprint();
        }
        return false;
    }

    private void reset(int quoteContext, boolean mysqlComments) {
        quote = quoteContext;
        mysql = mysqlComments;
        pos = 0;
        statsTokens = 0;
        statsCommentDdx = 0;
        statsCommentHash = 0;
        for (SqliToken t : tokens) {
            t.clear();
        }
        lastComment.clear();
        current = tokens[0];
    }

    // ------------------------------------------------------------------ fingerprint

    private void computeFingerprint(int quoteContext, boolean mysqlComments) {
        reset(quoteContext, mysqlComments);
        int tlen = fold();

        // PHP's magic unclosed, empty backtick at the end counts as a comment.
        if (tlen > 2) {
            SqliToken last = tokens[tlen - 1];
            if (last.is(BAREWORD) && last.strOpen == '`' && last.len == 0 && last.strClose == 0) {
                last.type = COMMENT;
            }
        }

        boolean evil = false;
        for (int i = 0; i < tlen; i++) {
            fingerprint[i] = tokens[i].type.code;
            evil |= tokens[i].is(EVIL);
        }
        fingerprintLen = tlen;

        if (evil) {
            fingerprint[0] = EVIL.code;
            fingerprintLen = 1;
            tokens[0].clear();
            tokens[0].assignChar(EVIL, 0, EVIL.code);
            tokens[1].type = NONE;
        }
    }

    private boolean checkFingerprint() {
        return SqliData.isFingerprint(fingerprint, fingerprintLen) && notWhitelisted();
    }

    private boolean fingerprintIs(String fp) {
        if (fingerprintLen != fp.length()) {
            return false;
        }
        for (int i = 0; i < fingerprintLen; i++) {
            if (fingerprint[i] != fp.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** libinjection_sqli_not_whitelist: false for fingerprint matches that are common in benign input. */
    private boolean notWhitelisted() {
        int tlen = fingerprintLen;
        if (tlen > 1 && fingerprint[tlen - 1] == COMMENT.code && s.contains("sp_password")) {
            // SQL Server's audit log drops statements mentioning sp_password: a known evasion.
            return true;
        }
        SqliToken t0 = tokens[0];
        SqliToken t1 = tokens[1];
        switch (tlen) {
            case 2 -> {
                if (fingerprint[1] == UNION.code) {
                    // "1 union" alone is too common in text; only with folding or comments around it.
                    return statsTokens != 2;
                }
                if (t1.charAt(0) == '#') {
                    return false;
                }
                if (t0.is(BAREWORD) && t1.is(COMMENT) && t1.charAt(0) != '/') {
                    return false;
                }
                if (t0.is(NUMBER) && t1.is(COMMENT) && t1.charAt(0) == '/') {
                    return true;
                }
                if (t0.is(NUMBER) && t1.is(COMMENT)) {
                    if (statsTokens > 2) {
                        return true;
                    }
                    // Base64-ish values like 1234-ABCD-- read as "1c": only a real number then a comment counts.
                    char next = inputAt(t0.len);
                    // C compares a signed char: bytes past ASCII count as "white" too.
                    if (next <= ' ' || next >= 128) {
                        return true;
                    }
                    if (next == '/' && inputAt(t0.len + 1) == '*') {
                        return true;
                    }
                    return next == '-' && inputAt(t0.len + 1) == '-';
                }
                if (t1.len > 2 && t1.charAt(0) == '-') {
                    // Plain text is full of "--"; only an input that ends with it is a scan.
                    return false;
                }
            }
            case 3 -> {
                if (fingerprintIs("sos") || fingerprintIs("s&s")) {
                    // ...foo" + "bar...: no opening, no closing quote, same quote char in between.
                    return t0.strOpen == 0 && tokens[2].strClose == 0 && t0.strClose == tokens[2].strOpen;
                } else if (fingerprintIs("s&n") || fingerprintIs("n&1") || fingerprintIs("1&1")
                        || fingerprintIs("1&v") || fingerprintIs("1&s")) {
                    // 'sexy and 17' is text, 'sexy and 17<18' is not.
                    if (statsTokens == 3) {
                        return false;
                    }
                } else if (t1.is(KEYWORD)) {
                    // Only INTO OUTFILE / INTO DUMPFILE (MySQL) make "x keyword y" dangerous.
                    if (t1.len < 5 || !t1.valueStartsWith("INTO")) {
                        return false;
                    }
                }
            }
            default -> {
                // no extra rules for 1, 4 and 5 tokens
            }
        }
        return true;
    }

    /** The input character at i, or 0 past its end (the C string terminator libinjection reads there). */
    private char inputAt(int i) {
        return i < slen ? s.charAt(i) : 0;
    }

    // ------------------------------------------------------------------ folding

    private SqliTokenType type(int i) {
        return tokens[i].type;
    }

    private boolean nextToken(int slot) {
        current = tokens[slot];
        return tokenize();
    }

    /**
     * libinjection_sqli_fold: reads tokens and folds them ("1+1" into "1", "(( " into "(", unary operators away,
     * multi-word keywords together) until five remain or the input ends. Returns how many tokens remain.
     */
    private int fold() {
        int left = 0;
        boolean more = true;

        // Leading comments, left parens, sql types and unary operators do not matter.
        current = tokens[0];
        while (more) {
            more = tokenize();
            if (!(current.is(COMMENT) || current.is(LEFT_PARENS) || current.is(SQLTYPE) || current.isUnaryOperator())) {
                break;
            }
        }
        if (!more) {
            return 0;
        }
        // p is where the next token goes; tokens before left are final.
        int p = 1;

        while (true) {
            if (p >= MAX_TOKENS && resetsToOneToken()) {
                if (p > MAX_TOKENS) {
                    tokens[1].copyFrom(tokens[MAX_TOKENS]);
                    p = 2;
                } else {
                    p = 1;
                }
                left = 0;
            }

            if (!more || left >= MAX_TOKENS) {
                left = p;
                break;
            }

            // Get up to two tokens.
            while (more && p <= MAX_TOKENS && p - left < 2) {
                more = nextToken(p);
                if (more) {
                    if (current.is(COMMENT)) {
                        lastComment.copyFrom(current);
                    } else {
                        lastComment.type = NONE;
                        p++;
                    }
                }
            }
            if (p - left < 2) {
                left = p;
                continue;
            }

            SqliToken a = tokens[left];
            SqliToken b = tokens[left + 1];
            if (a.is(STRING) && b.is(STRING)) {
                // "foo" "bar" is valid SQL: one string.
                p--;
                continue;
            } else if (a.is(SEMICOLON) && b.is(SEMICOLON)) {
                p--;
                continue;
            } else if (a.is(SEMICOLON) && b.is(FUNCTION) && b.valueStartsWith("IF")) {
                // T-SQL's control-flow IF after a statement is not the IF() function (3.9.2 compares only the
                // first two letters, so IFNULL too).
                b.type = TSQL;
                left += 2;
                continue;
            } else if ((a.is(OPERATOR) || a.is(LOGIC_OPERATOR)) && (b.isUnaryOperator() || b.is(SQLTYPE))) {
                p--;
                left = 0;
                continue;
            } else if (a.is(LEFT_PARENS) && b.isUnaryOperator()) {
                p--;
                if (left > 0) {
                    left--;
                }
                continue;
            } else if (mergeWords(a, b)) {
                p--;
                if (left > 0) {
                    left--;
                }
                continue;
            } else if ((a.is(BAREWORD) || a.is(VARIABLE)) && b.is(LEFT_PARENS) && isFunctionLikeWord(a)) {
                a.type = FUNCTION;
                continue;
            } else if (a.is(KEYWORD) && (a.valueIs("IN") || a.valueIs("NOT IN"))) {
                // "IN (" is a comparison; a lone IN (as in IN BOOLEAN MODE, merged later) is nothing.
                a.type = b.is(LEFT_PARENS) ? OPERATOR : BAREWORD;
                continue;
            } else if (a.is(OPERATOR) && (a.valueIs("LIKE") || a.valueIs("NOT LIKE"))) {
                if (b.is(LEFT_PARENS)) {
                    a.type = FUNCTION;
                }
            } else if (a.is(SQLTYPE) && (b.is(BAREWORD) || b.is(NUMBER) || b.is(SQLTYPE) || b.is(LEFT_PARENS)
                    || b.is(FUNCTION) || b.is(VARIABLE) || b.is(STRING))) {
                a.copyFrom(b);
                p--;
                left = 0;
                continue;
            } else if (a.is(COLLATE) && b.is(BAREWORD)) {
                // Too many collations to list: a bareword with '_' after COLLATE is one.
                if (b.valueContains('_')) {
                    b.type = SQLTYPE;
                    left = 0;
                }
            } else if (a.is(BACKSLASH)) {
                if (b.isArithmeticOperator()) {
                    // T-SQL reads '\%1' as '0 % 1'.
                    a.type = NUMBER;
                } else {
                    // ...and '\1' as '1'.
                    a.copyFrom(b);
                    p--;
                }
                left = 0;
                continue;
            } else if (a.is(LEFT_PARENS) && b.is(LEFT_PARENS)) {
                p--;
                left = 0;
                continue;
            } else if (a.is(RIGHT_PARENS) && b.is(RIGHT_PARENS)) {
                p--;
                left = 0;
                continue;
            } else if (a.is(LEFT_BRACE) && b.is(BAREWORD)) {
                // MySQL's "{ ``.``.id }" is too rare and odd to parse: treat an empty word after "{" as evil.
                if (b.len == 0) {
                    b.type = EVIL;
                    return left + 2;
                }
                // ODBC "{foo expr}": keep only expr.
                left = 0;
                p -= 2;
                continue;
            } else if (b.is(RIGHT_BRACE)) {
                p--;
                left = 0;
                continue;
            }

            // No two-token fold: get a third token.
            while (more && p <= MAX_TOKENS && p - left < 3) {
                more = nextToken(p);
                if (more) {
                    if (current.is(COMMENT)) {
                        lastComment.copyFrom(current);
                    } else {
                        lastComment.type = NONE;
                        p++;
                    }
                }
            }
            if (p - left < 3) {
                left = p;
                continue;
            }

            SqliTokenType t0 = type(left);
            SqliTokenType t1 = type(left + 1);
            SqliTokenType t2 = type(left + 2);
            SqliToken middle = tokens[left + 1];
            if (t0 == NUMBER && t1 == OPERATOR && t2 == NUMBER) {
                p -= 2;
                left = 0;
            } else if (t0 == OPERATOR && t1 != LEFT_PARENS && t2 == OPERATOR) {
                left = 0;
                p -= 2;
            } else if (t0 == LOGIC_OPERATOR && t2 == LOGIC_OPERATOR) {
                p -= 2;
                left = 0;
            } else if (t0 == VARIABLE && t1 == OPERATOR && (t2 == VARIABLE || t2 == NUMBER || t2 == BAREWORD)) {
                p -= 2;
                left = 0;
            } else if ((t0 == BAREWORD || t0 == NUMBER) && t1 == OPERATOR && (t2 == NUMBER || t2 == BAREWORD)) {
                p -= 2;
                left = 0;
            } else if ((t0 == BAREWORD || t0 == NUMBER || t0 == VARIABLE || t0 == STRING) && t1 == OPERATOR
                    && middle.len == 2 && middle.val[0] == ':' && middle.val[1] == ':' && t2 == SQLTYPE) {
                // PostgreSQL cast x::type
                p -= 2;
                left = 0;
            } else if ((t0 == BAREWORD || t0 == NUMBER || t0 == STRING || t0 == VARIABLE) && t1 == COMMA
                    && (t2 == NUMBER || t2 == BAREWORD || t2 == STRING || t2 == VARIABLE)) {
                p -= 2;
                left = 0;
            } else if ((t0 == EXPRESSION || t0 == GROUP || t0 == COMMA) && middle.isUnaryOperator()
                    && t2 == LEFT_PARENS) {
                // SELECT + (, LIMIT + (: drop the unary operator.
                middle.copyFrom(tokens[left + 2]);
                p--;
                left = 0;
            } else if ((t0 == KEYWORD || t0 == EXPRESSION || t0 == GROUP) && middle.isUnaryOperator()
                    && (t2 == NUMBER || t2 == BAREWORD || t2 == VARIABLE || t2 == STRING || t2 == FUNCTION)) {
                // select - 1
                middle.copyFrom(tokens[left + 2]);
                p--;
                left = 0;
            } else if (t0 == COMMA && middle.isUnaryOperator()
                    && (t2 == NUMBER || t2 == BAREWORD || t2 == VARIABLE || t2 == STRING)) {
                // ", -1" becomes ",1", then back up so that "1,-1" folds to "1".
                middle.copyFrom(tokens[left + 2]);
                left = 0;
                p -= 3;
            } else if (t0 == COMMA && middle.isUnaryOperator() && t2 == FUNCTION) {
                // 1,-sin(1) becomes 1,sin(1)
                middle.copyFrom(tokens[left + 2]);
                p--;
                left = 0;
            } else if (t0 == BAREWORD && t1 == DOT && t2 == BAREWORD) {
                // database.table
                p -= 2;
                left = 0;
            } else if (t0 == EXPRESSION && t1 == DOT && t2 == BAREWORD) {
                // select . `foo` is select `foo`
                middle.copyFrom(tokens[left + 2]);
                p--;
                left = 0;
            } else {
                // Nothing folds: the leftmost token is final.
                left++;
            }
        }

        // A trailing comment that folding dropped still belongs in a short fingerprint.
        if (left < MAX_TOKENS && lastComment.is(COMMENT)) {
            tokens[left].copyFrom(lastComment);
            left++;
        }
        return Math.min(left, MAX_TOKENS);
    }

    /** Five-token shapes like "1,(1)", "n-(n)" or "n)=(n" that libinjection folds back to the first token. */
    private boolean resetsToOneToken() {
        SqliTokenType t0 = type(0);
        SqliTokenType t1 = type(1);
        SqliTokenType t2 = type(2);
        SqliTokenType t3 = type(3);
        SqliTokenType t4 = type(4);
        return (t0 == NUMBER && (t1 == OPERATOR || t1 == COMMA) && t2 == LEFT_PARENS && t3 == NUMBER
                        && t4 == RIGHT_PARENS)
                || (t0 == BAREWORD && t1 == OPERATOR && t2 == LEFT_PARENS && (t3 == BAREWORD || t3 == NUMBER)
                        && t4 == RIGHT_PARENS)
                || (t0 == BAREWORD && t1 == RIGHT_PARENS && t2 == OPERATOR && t3 == LEFT_PARENS && t4 == BAREWORD)
                || (t0 == NUMBER && t1 == RIGHT_PARENS && t2 == COMMA && t3 == LEFT_PARENS && t4 == NUMBER);
    }

    /** Words that are column names as often as functions, and functions when followed by "(". */
    private static boolean isFunctionLikeWord(SqliToken t) {
        return t.valueIs("USER_ID") || t.valueIs("USER_NAME") || t.valueIs("DATABASE") || t.valueIs("PASSWORD")
                || t.valueIs("CURRENT_USER") || t.valueIs("CURRENT_DATE")
                || t.valueIs("CURRENT_TIME") || t.valueIs("CURRENT_TIMESTAMP") || t.valueIs("LOCALTIME")
                || t.valueIs("LOCALTIMESTAMP");
    }

    private static boolean isMergeableFirst(SqliTokenType t) {
        return t == KEYWORD || t == BAREWORD || t == OPERATOR || t == UNION || t == FUNCTION || t == EXPRESSION
                || t == SQLTYPE;
    }

    private static boolean isMergeableSecond(SqliTokenType t) {
        return t == KEYWORD || t == BAREWORD || t == OPERATOR || t == SQLTYPE || t == LOGIC_OPERATOR
                || t == FUNCTION || t == UNION || t == EXPRESSION;
    }

    /** Merges two words into one when together they are a keyword ("UNION" "ALL", "ORDER" "BY"). */
    private boolean mergeWords(SqliToken a, SqliToken b) {
        if (!isMergeableFirst(a.type) || !isMergeableSecond(b.type)) {
            return false;
        }
        int merged = a.len + b.len + 1;
        if (merged > SqliToken.MAX_VALUE) {
            return false;
        }
        System.arraycopy(a.val, 0, scratch, 0, a.len);
        scratch[a.len] = ' ';
        System.arraycopy(b.val, 0, scratch, a.len + 1, b.len);
        SqliTokenType t = SqliData.lookupWord(scratch, 0, merged);
        if (t == null) {
            return false;
        }
        a.assign(t, a.pos, merged, scratch);
        return true;
    }

    // ------------------------------------------------------------------ tokenizer

    /** libinjection_sqli_tokenize: the next token into {@link #current}; false at the end of input. */
    private boolean tokenize() {
        if (slen == 0) {
            return false;
        }
        current.clear();
        if (pos == 0 && quote != QUOTE_NONE) {
            // Quote context: as if the input were preceded by the quote.
            pos = parseStringCore(0, quote == QUOTE_SINGLE ? '\'' : '"', 0);
            statsTokens++;
            return true;
        }
        while (pos < slen) {
            char c = s.charAt(pos);
            Lexer lexer = c < 128 ? LEXER[c] : c == '\u00a0' ? Lexer.WHITE : Lexer.WORD;
            pos = switch (lexer) {
                case WHITE -> pos + 1;
                case OPERATOR1 -> parseOperator1();
                case OPERATOR2 -> parseOperator2();
                case STRING -> parseString();
                case HASH -> parseHash();
                case MONEY -> parseMoney();
                case CHAR -> parseChar();
                case DASH -> parseDash();
                case NUMBER -> parseNumber();
                case SLASH -> parseSlash();
                case OTHER -> parseOther();
                case VARIABLE -> parseVariable();
                case WORD -> parseWord();
                case BINARY_STRING -> parseDigitString("01");
                case ESCAPED_STRING -> parseEscapedString();
                case NATIONAL_STRING -> parseNationalString();
                case Q_STRING -> parseQString(0);
                case UNICODE_STRING -> parseUnicodeString();
                case HEX_STRING -> parseDigitString(HEX_DIGITS);
                case BRACKET_WORD -> parseBracketWord();
                case BACKSLASH -> parseBackslash();
                case TICK -> parseTick();
            };
            if (!current.is(NONE)) {
                statsTokens++;
                return true;
            }
        }
        return false;
    }

    private static boolean isWhite(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000b' || c == '\f' || c == '\r' || c == '\u00a0'
                || c == 0;
    }

    /** Length of the run from {@code from} of characters in {@code accept} (NUL counts as in it, as in C). */
    private int spanOf(int from, String accept) {
        int i = from;
        while (i < slen) {
            char c = s.charAt(i);
            if (c != 0 && accept.indexOf(c) < 0) {
                break;
            }
            i++;
        }
        return i - from;
    }

    /** Length of the run from {@code from} of characters not in {@code reject} nor NUL. */
    private int spanNotOf(int from, String reject) {
        int i = from;
        while (i < slen) {
            char c = s.charAt(i);
            if (c == 0 || reject.indexOf(c) >= 0) {
                break;
            }
            i++;
        }
        return i - from;
    }

    /** Index of the first "c0 c1" pair starting in [from, limit - 1), or -1. */
    private int indexOfPair(int from, int limit, char c0, char c1) {
        for (int i = from; i + 1 < limit; i++) {
            if (s.charAt(i) == c0 && s.charAt(i + 1) == c1) {
                return i;
            }
        }
        return -1;
    }

    private int parseOperator1() {
        current.assignChar(OPERATOR, pos, s.charAt(pos));
        return pos + 1;
    }

    private int parseOther() {
        current.assignChar(UNKNOWN, pos, s.charAt(pos));
        return pos + 1;
    }

    private int parseChar() {
        char c = s.charAt(pos);
        current.assignChar(SqliTokenType.ofCode(c), pos, c);
        return pos + 1;
    }

    private int parseEolComment() {
        int nl = s.indexOf('\n', pos);
        if (nl < 0) {
            current.assign(COMMENT, pos, slen - pos, s, pos);
            return slen;
        }
        current.assign(COMMENT, pos, nl - pos, s, pos);
        return nl + 1;
    }

    /** '#' is an operator in ANSI SQL and starts a comment in MySQL. */
    private int parseHash() {
        statsCommentHash++;
        if (mysql) {
            statsCommentHash++;
            return parseEolComment();
        }
        current.assignChar(OPERATOR, pos, '#');
        return pos + 1;
    }

    /**
     * "--" then white space or the end is a comment everywhere; "--x" is a comment in ANSI SQL but two unary
     * minus in MySQL; a single '-' is an operator.
     */
    private int parseDash() {
        boolean dashDash = pos + 1 < slen && s.charAt(pos + 1) == '-';
        if (dashDash && pos + 2 < slen && isWhite(s.charAt(pos + 2))) {
            return parseEolComment();
        } else if (dashDash && pos + 2 == slen) {
            return parseEolComment();
        } else if (dashDash && !mysql) {
            statsCommentDdx++;
            return parseEolComment();
        }
        current.assignChar(OPERATOR, pos, '-');
        return pos + 1;
    }

    /**
     * "/*" comments. A comment holding another "/*" (PostgreSQL nests them) or a MySQL version comment
     * "/*!" cannot be parsed the same way by every engine: it is evil.
     */
    private int parseSlash() {
        if (pos + 1 == slen || s.charAt(pos + 1) != '*') {
            return parseOperator1();
        }
        int end = indexOfPair(pos + 2, slen, '*', '/');
        int clen = end < 0 ? slen - pos : end + 2 - pos;
        // A nested opener counts only inside a terminated comment (libinjection's search length underflows to
        // an empty one when there is no "*/").
        SqliTokenType type = COMMENT;
        if (end >= 0 && indexOfPair(pos + 2, end + 1, '/', '*') >= 0) {
            type = EVIL;
        } else if (pos + 2 < slen && s.charAt(pos + 2) == '!') {
            type = EVIL;
        }
        current.assign(type, pos, clen, s, pos);
        return pos + clen;
    }

    /** "\N" is MySQL's NULL. */
    private int parseBackslash() {
        if (pos + 1 < slen && s.charAt(pos + 1) == 'N') {
            current.assign(NUMBER, pos, 2, s, pos);
            return pos + 2;
        }
        current.assignChar(BACKSLASH, pos, s.charAt(pos));
        return pos + 1;
    }

    private int parseOperator2() {
        if (pos + 1 >= slen) {
            return parseOperator1();
        }
        if (pos + 2 < slen && s.charAt(pos) == '<' && s.charAt(pos + 1) == '=' && s.charAt(pos + 2) == '>') {
            current.assign(OPERATOR, pos, 3, s, pos);
            return pos + 3;
        }
        scratch[0] = s.charAt(pos);
        scratch[1] = s.charAt(pos + 1);
        SqliTokenType t = SqliData.lookupWord(scratch, 0, 2);
        if (t != null) {
            current.assign(t, pos, 2, s, pos);
            return pos + 2;
        }
        if (s.charAt(pos) == ':') {
            current.assign(COLON, pos, 1, s, pos);
            return pos + 1;
        }
        return parseOperator1();
    }

    /** Whether the character before {@code quoteIdx} ends an odd run of backslashes starting at or after start. */
    private boolean isBackslashEscaped(int quoteIdx, int start) {
        int i = quoteIdx - 1;
        while (i >= start && s.charAt(i) == '\\') {
            i--;
        }
        return ((quoteIdx - 1 - i) & 1) == 1;
    }

    /**
     * A string delimited by {@code delim} starting at {@code from}; {@code offset} is 1 when the opening quote
     * is in the input and 0 in a quote context. Backslash-escaped and doubled quotes do not end it.
     */
    private int parseStringCore(int from, char delim, int offset) {
        int start = from + offset;
        int q = s.indexOf(delim, start);
        current.strOpen = offset > 0 ? delim : 0;
        while (true) {
            if (q < 0) {
                current.assign(STRING, start, slen - start, s, start);
                current.strClose = 0;
                return slen;
            } else if (isBackslashEscaped(q, start)) {
                q = s.indexOf(delim, q + 1);
            } else if (q + 1 < slen && s.charAt(q + 1) == delim) {
                q = s.indexOf(delim, q + 2);
            } else {
                current.assign(STRING, start, q - start, s, start);
                current.strClose = delim;
                return q + 1;
            }
        }
    }

    private int parseString() {
        return parseStringCore(pos, s.charAt(pos), 1);
    }

    /** PostgreSQL E'...' (and MySQL N'...' via {@link #parseNationalString}). */
    private int parseEscapedString() {
        if (pos + 2 >= slen || s.charAt(pos + 1) != '\'') {
            return parseWord();
        }
        return parseStringCore(pos, '\'', 2);
    }

    /** U&'...' unicode strings. */
    private int parseUnicodeString() {
        if (pos + 2 < slen && s.charAt(pos + 1) == '&' && s.charAt(pos + 2) == '\'') {
            pos += 2;
            int next = parseString();
            current.strOpen = 'u';
            if (current.strClose == '\'') {
                current.strClose = 'u';
            }
            return next;
        }
        return parseWord();
    }

    /** Oracle q'X...X' strings, where X is any character and brackets pair up. */
    private int parseQString(int offset) {
        int p = pos + offset;
        if (p >= slen || (s.charAt(p) != 'q' && s.charAt(p) != 'Q') || p + 2 >= slen || s.charAt(p + 1) != '\'') {
            return parseWord();
        }
        char ch = s.charAt(p + 2);
        // C's signed char makes every non-ASCII byte "< 33" too.
        if (ch < 33 || ch > 127) {
            return parseWord();
        }
        ch = switch (ch) {
            case '(' -> ')';
            case '[' -> ']';
            case '{' -> '}';
            case '<' -> '>';
            default -> ch;
        };
        int end = indexOfPair(p + 3, slen, ch, '\'');
        current.strOpen = 'q';
        if (end < 0) {
            current.assign(STRING, p + 3, slen - p - 3, s, p + 3);
            current.strClose = 0;
            return slen;
        }
        current.assign(STRING, p + 3, end - p - 3, s, p + 3);
        current.strClose = 'q';
        return end + 2;
    }

    /** MySQL N'...' or Oracle nq'...'. */
    private int parseNationalString() {
        if (pos + 2 < slen && s.charAt(pos + 1) == '\'') {
            return parseEscapedString();
        }
        return parseQString(1);
    }

    /** b'0101' and x'CAFE' literals are numbers. */
    private int parseDigitString(String digits) {
        if (pos + 2 >= slen || s.charAt(pos + 1) != '\'') {
            return parseWord();
        }
        int wlen = spanOf(pos + 2, digits);
        if (pos + 2 + wlen >= slen || s.charAt(pos + 2 + wlen) != '\'') {
            return parseWord();
        }
        current.assign(NUMBER, pos, wlen + 3, s, pos);
        return pos + 2 + wlen + 1;
    }

    /** SQL Server [bracketed names]. */
    private int parseBracketWord() {
        int end = s.indexOf(']', pos);
        if (end < 0) {
            current.assign(BAREWORD, pos, slen - pos, s, pos);
            return slen;
        }
        current.assign(BAREWORD, pos, end - pos + 1, s, pos);
        return end + 1;
    }

    private int parseWord() {
        int wlen = spanNotOf(pos, WORD_DELIMITERS);
        current.assign(BAREWORD, pos, wlen, s, pos);

        // "SELECT.1" or "SELECT`col`": a keyword before '.' or '`' is a token of its own.
        for (int i = 0; i < current.len; i++) {
            char d = current.val[i];
            if (d == '.' || d == '`') {
                SqliTokenType t = SqliData.lookupWord(current.val, 0, i);
                if (t != null && t != BAREWORD) {
                    current.clear();
                    current.assign(t, pos, i, s, pos);
                    return pos + i;
                }
            }
        }
        if (wlen <= SqliToken.MAX_VALUE) {
            SqliTokenType t = SqliData.lookupWord(current.val, 0, wlen);
            current.type = t == null ? BAREWORD : t;
        }
        return pos + wlen;
    }

    /** MySQL `quoted names`: barewords, or functions when the name is one. */
    private int parseTick() {
        int next = parseStringCore(pos, '`', 1);
        SqliTokenType t = SqliData.lookupWord(current.val, 0, current.len);
        current.type = t == FUNCTION ? FUNCTION : BAREWORD;
        return next;
    }

    /** @var, @@var, @@`var`, @'var'. */
    private int parseVariable() {
        int p = pos + 1;
        if (p < slen && s.charAt(p) == '@') {
            p++;
        }
        if (p < slen) {
            char c = s.charAt(p);
            if (c == '`') {
                pos = p;
                int next = parseTick();
                current.type = VARIABLE;
                return next;
            } else if (c == '\'' || c == '"') {
                pos = p;
                int next = parseString();
                current.type = VARIABLE;
                return next;
            }
        }
        int xlen = spanNotOf(p, VARIABLE_DELIMITERS);
        current.assign(VARIABLE, p, xlen, s, p);
        return p + xlen;
    }

    /** $1,000.00 money, PostgreSQL $$strings$$ and $tag$strings$tag$. */
    private int parseMoney() {
        if (pos + 1 == slen) {
            current.assignChar(BAREWORD, pos, '$');
            return slen;
        }
        int xlen = spanOf(pos + 1, "0123456789.,");
        if (xlen == 0) {
            if (s.charAt(pos + 1) == '$') {
                int end = indexOfPair(pos + 2, slen, '$', '$');
                current.strOpen = '$';
                if (end < 0) {
                    current.assign(STRING, pos + 2, slen - (pos + 2), s, pos + 2);
                    current.strClose = 0;
                    return slen;
                }
                current.assign(STRING, pos + 2, end - (pos + 2), s, pos + 2);
                current.strClose = '$';
                return end + 2;
            }
            xlen = spanOf(pos + 1, ASCII_LETTERS);
            if (xlen == 0 || pos + xlen + 1 == slen || s.charAt(pos + xlen + 1) != '$') {
                current.assignChar(BAREWORD, pos, '$');
                return pos + 1;
            }
            // $tag$...$tag$
            int tagLen = xlen + 2;
            int contentStart = pos + tagLen;
            int end = indexOfTag(contentStart, pos, tagLen);
            current.strOpen = '$';
            if (end < 0) {
                current.assign(STRING, contentStart, slen - contentStart, s, contentStart);
                current.strClose = 0;
                return slen;
            }
            current.assign(STRING, contentStart, end - contentStart, s, contentStart);
            current.strClose = '$';
            return end + tagLen;
        } else if (xlen == 1 && s.charAt(pos + 1) == '.') {
            return parseWord();
        }
        current.assign(NUMBER, pos, 1 + xlen, s, pos);
        return pos + 1 + xlen;
    }

    /** First index from {@code from} where s[needle, needle + needleLen) occurs again, or -1. */
    private int indexOfTag(int from, int needle, int needleLen) {
        for (int i = from; i <= slen - needleLen; i++) {
            if (s.regionMatches(i, s, needle, needleLen)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private int parseNumber() {
        int p = pos;
        if (s.charAt(p) == '0' && p + 1 < slen) {
            char radix = s.charAt(p + 1);
            String digits = radix == 'x' || radix == 'X' ? HEX_DIGITS : radix == 'b' || radix == 'B' ? "01" : null;
            if (digits != null) {
                int xlen = spanOf(p + 2, digits);
                if (xlen == 0) {
                    current.assign(BAREWORD, p, 2, s, p);
                    return p + 2;
                }
                current.assign(NUMBER, p, 2 + xlen, s, p);
                return p + 2 + xlen;
            }
        }

        int start = p;
        boolean haveE = false;
        boolean haveExp = false;
        while (p < slen && isDigit(s.charAt(p))) {
            p++;
        }
        if (p < slen && s.charAt(p) == '.') {
            p++;
            while (p < slen && isDigit(s.charAt(p))) {
                p++;
            }
            if (p - start == 1) {
                current.assignChar(DOT, start, '.');
                return p;
            }
        }
        if (p < slen && (s.charAt(p) == 'E' || s.charAt(p) == 'e')) {
            haveE = true;
            p++;
            if (p < slen && (s.charAt(p) == '+' || s.charAt(p) == '-')) {
                p++;
            }
            while (p < slen && isDigit(s.charAt(p))) {
                haveExp = true;
                p++;
            }
        }
        // Oracle's float/double suffixes: "1.2f", and "1fUNION" as "1f UNION"; "123FROM" stays "123".
        if (p < slen) {
            char c = s.charAt(p);
            if (c == 'd' || c == 'D' || c == 'f' || c == 'F') {
                if (p + 1 == slen) {
                    p++;
                } else {
                    char after = s.charAt(p + 1);
                    if (isWhite(after) || after == ';' || after == 'u' || after == 'U') {
                        p++;
                    }
                }
            }
        }
        // An E without exponent digits ("1e", "1234.e", "10.10E") makes a word, not a number.
        SqliTokenType t = haveE && !haveExp ? BAREWORD : NUMBER;
        current.assign(t, start, p - start, s, start);
        return p;
    }
}
