package dev.citadel.libinjection;

/**
 * The token types of libinjection's SQL tokenizer. Each type's {@link #code} is the letter it contributes
 * to a fingerprint and the letter the keyword table uses for it.
 */
enum SqliTokenType {
    NONE('\0'),
    KEYWORD('k'),
    UNION('U'),
    GROUP('B'),
    EXPRESSION('E'),
    SQLTYPE('t'),
    FUNCTION('f'),
    BAREWORD('n'),
    NUMBER('1'),
    VARIABLE('v'),
    STRING('s'),
    OPERATOR('o'),
    LOGIC_OPERATOR('&'),
    COMMENT('c'),
    COLLATE('A'),
    LEFT_PARENS('('),
    RIGHT_PARENS(')'),
    LEFT_BRACE('{'),
    RIGHT_BRACE('}'),
    DOT('.'),
    COMMA(','),
    COLON(':'),
    SEMICOLON(';'),
    TSQL('T'),
    UNKNOWN('?'),
    /** Input that cannot be parsed consistently (nested or MySQL version comments): always suspicious. */
    EVIL('X'),
    BACKSLASH('\\');

    private static final SqliTokenType[] BY_CODE = new SqliTokenType[128];

    static {
        for (SqliTokenType t : values()) {
            BY_CODE[t.code] = t;
        }
    }

    final char code;

    SqliTokenType(char code) {
        this.code = code;
    }

    /** The type with this code, or null when no type has it. */
    static SqliTokenType ofCode(char code) {
        return code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
