package dev.citadel.libinjection;

/**
 * One token of the SQL tokenizer. Mutable and reused: a detection run owns a fixed set of them. The value is a
 * copy of at most {@link #MAX_VALUE} characters, like libinjection's fixed 32-byte buffer, because folding merges
 * words ("UNION" + "ALL") into values that are not in the input, and the fingerprint depends on the truncation.
 */
final class SqliToken {

    static final int MAX_VALUE = 31;

    SqliTokenType type = SqliTokenType.NONE;
    int pos;
    int len;
    /** Opening quote of a string-like token, 0 when the string started before the input (a quote context). */
    char strOpen;
    /** Closing quote of a string-like token, 0 when the input ended inside it. */
    char strClose;
    final char[] val = new char[MAX_VALUE + 1];

    void clear() {
        type = SqliTokenType.NONE;
        pos = 0;
        len = 0;
        strOpen = 0;
        strClose = 0;
    }

    void assign(SqliTokenType type, int pos, int len, CharSequence src, int from) {
        int n = Math.min(len, MAX_VALUE);
        this.type = type;
        this.pos = pos;
        this.len = n;
        for (int i = 0; i < n; i++) {
            val[i] = src.charAt(from + i);
        }
    }

    void assign(SqliTokenType type, int pos, int len, char[] src) {
        int n = Math.min(len, MAX_VALUE);
        this.type = type;
        this.pos = pos;
        this.len = n;
        System.arraycopy(src, 0, val, 0, n);
    }

    void assignChar(SqliTokenType type, int pos, char c) {
        this.type = type;
        this.pos = pos;
        this.len = 1;
        val[0] = c;
    }

    void copyFrom(SqliToken other) {
        type = other.type;
        pos = other.pos;
        len = other.len;
        strOpen = other.strOpen;
        strClose = other.strClose;
        System.arraycopy(other.val, 0, val, 0, other.len);
    }

    /** The i-th value character, 0 past the end (the C string terminator). */
    char charAt(int i) {
        return i < len ? val[i] : 0;
    }

    boolean is(SqliTokenType t) {
        return type == t;
    }

    /** Whether the value equals {@code upper} (upper case ASCII), folding a-z in the value. */
    boolean valueIs(String upper) {
        if (len != upper.length()) {
            return false;
        }
        for (int i = 0; i < len; i++) {
            if (SqliData.toUpper(val[i]) != upper.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    boolean valueStartsWith(String upper) {
        if (len < upper.length()) {
            return false;
        }
        for (int i = 0; i < upper.length(); i++) {
            if (SqliData.toUpper(val[i]) != upper.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    boolean valueContains(char c) {
        for (int i = 0; i < len; i++) {
            if (val[i] == c) {
                return true;
            }
        }
        return false;
    }

    boolean isArithmeticOperator() {
        char c = val[0];
        return type == SqliTokenType.OPERATOR && len == 1 && (c == '*' || c == '/' || c == '-' || c == '+' || c == '%');
    }

    boolean isUnaryOperator() {
        if (type != SqliTokenType.OPERATOR) {
            return false;
        }
        return switch (len) {
            case 1 -> val[0] == '+' || val[0] == '-' || val[0] == '!' || val[0] == '~';
            case 2 -> val[0] == '!' && val[1] == '!';
            case 3 -> valueIs("NOT");
            default -> false;
        };
    }
}
