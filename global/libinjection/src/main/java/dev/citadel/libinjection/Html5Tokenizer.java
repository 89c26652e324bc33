package dev.citadel.libinjection;

/**
 * libinjection's HTML5 tokenizer: a simplified HTML5 tokenizer state machine (tags, attribute names and values,
 * comments, doctype, CDATA) that can start inside an attribute value as well as in text, plus a few
 * browser quirks (NUL bytes ignored in tag names, IE's backquoted values, {@code <% %>} comments).
 * One instance tokenizes one input; the current token is {@link #type()}, {@link #start()}, {@link #length()}.
 */
final class Html5Tokenizer {

    /** Where tokenizing starts: in text, or inside an attribute value of some quoting. */
    enum Context {
        DATA, VALUE_NO_QUOTE, VALUE_SINGLE_QUOTE, VALUE_DOUBLE_QUOTE, VALUE_BACK_QUOTE
    }

    enum TokenType {
        DATA_TEXT, TAG_NAME_OPEN, TAG_NAME_CLOSE, TAG_NAME_SELFCLOSE, TAG_CLOSE, ATTR_NAME, ATTR_VALUE,
        TAG_COMMENT, DOCTYPE
    }

    private enum State {
        EOF, DATA, TAG_OPEN, TAG_NAME_CLOSE, BEFORE_ATTRIBUTE_NAME, AFTER_ATTRIBUTE_VALUE_QUOTED,
        SELF_CLOSING_START_TAG, BEFORE_ATTRIBUTE_VALUE, AFTER_ATTRIBUTE_NAME, VALUE_SINGLE_QUOTE,
        VALUE_DOUBLE_QUOTE, VALUE_BACK_QUOTE
    }

    private final String s;
    private final int len;
    private int pos;
    private boolean isClose;
    private State state;

    private TokenType tokenType;
    private int tokenStart;
    private int tokenLen;

    Html5Tokenizer(String s, Context context) {
        this.s = s;
        this.len = s.length();
        this.state = switch (context) {
            case DATA -> State.DATA;
            case VALUE_NO_QUOTE -> State.BEFORE_ATTRIBUTE_NAME;
            case VALUE_SINGLE_QUOTE -> State.VALUE_SINGLE_QUOTE;
            case VALUE_DOUBLE_QUOTE -> State.VALUE_DOUBLE_QUOTE;
            case VALUE_BACK_QUOTE -> State.VALUE_BACK_QUOTE;
        };
    }

    TokenType type() {
        return tokenType;
    }

    int start() {
        return tokenStart;
    }

    int length() {
        return tokenLen;
    }

    /** Advances to the next token; false when there is none. */
    boolean next() {
        return switch (state) {
            case EOF -> false;
            case DATA -> data();
            case TAG_OPEN -> tagOpen();
            case TAG_NAME_CLOSE -> tagNameClose();
            case BEFORE_ATTRIBUTE_NAME -> beforeAttributeName();
            case AFTER_ATTRIBUTE_VALUE_QUOTED -> afterAttributeValueQuoted();
            case SELF_CLOSING_START_TAG -> selfClosingStartTag();
            case BEFORE_ATTRIBUTE_VALUE -> beforeAttributeValue();
            case AFTER_ATTRIBUTE_NAME -> afterAttributeName();
            case VALUE_SINGLE_QUOTE -> attributeValueQuoted('\'');
            case VALUE_DOUBLE_QUOTE -> attributeValueQuoted('"');
            case VALUE_BACK_QUOTE -> attributeValueQuoted('`');
        };
    }

    private boolean emit(TokenType type, int start, int length, State nextState) {
        tokenType = type;
        tokenStart = start;
        tokenLen = length;
        state = nextState;
        return true;
    }

    /** White space for tag and attribute boundaries; NUL too, as in libinjection's strchr-based test. */
    private static boolean isWhite(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000b' || c == '\f' || c == '\r' || c == 0;
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    /**
     * Skips white space (with NUL, which IE ignores); returns the next character or -1 at the end. Byte 0xFF
     * also reads as the end: libinjection returns it as a signed char, which equals its EOF marker.
     */
    private int skipWhite() {
        while (pos < len) {
            char c = s.charAt(pos);
            if (c == 0 || c == ' ' || (c >= '\t' && c <= '\r')) {
                pos++;
            } else {
                return c == '\u00ff' ? -1 : c;
            }
        }
        return -1;
    }

    private boolean data() {
        int lt = s.indexOf('<', pos);
        if (lt < 0) {
            emit(TokenType.DATA_TEXT, pos, len - pos, State.EOF);
            return tokenLen != 0;
        }
        emit(TokenType.DATA_TEXT, pos, lt - pos, State.TAG_OPEN);
        pos = lt + 1;
        return tokenLen != 0 || tagOpen();
    }

    private boolean tagOpen() {
        if (pos >= len) {
            return false;
        }
        char c = s.charAt(pos);
        if (c == '!') {
            pos++;
            return markupDeclarationOpen();
        } else if (c == '/') {
            pos++;
            isClose = true;
            return endTagOpen();
        } else if (c == '?') {
            pos++;
            return bogusComment();
        } else if (c == '%') {
            // Not HTML5: the <% ... %> comment of IE <= 9 and old Safari.
            pos++;
            return bogusComment2();
        } else if (isAsciiLetter(c) || c == 0) {
            return tagName();
        }
        if (pos == 0) {
            return data();
        }
        return emit(TokenType.DATA_TEXT, pos - 1, 1, State.DATA);
    }

    private boolean endTagOpen() {
        if (pos >= len) {
            return false;
        }
        char c = s.charAt(pos);
        if (c == '>') {
            return data();
        } else if (isAsciiLetter(c)) {
            return tagName();
        }
        isClose = false;
        return bogusComment();
    }

    private boolean tagNameClose() {
        isClose = false;
        emit(TokenType.TAG_NAME_CLOSE, pos, 1, State.DATA);
        pos++;
        if (pos >= len) {
            state = State.EOF;
        }
        return true;
    }

    private boolean tagName() {
        int p = pos;
        while (p < len) {
            char c = s.charAt(p);
            if (c == 0) {
                // Old browsers ignore NUL inside tag names.
                p++;
            } else if (isWhite(c)) {
                emit(TokenType.TAG_NAME_OPEN, pos, p - pos, State.BEFORE_ATTRIBUTE_NAME);
                pos = p + 1;
                return true;
            } else if (c == '/') {
                emit(TokenType.TAG_NAME_OPEN, pos, p - pos, State.SELF_CLOSING_START_TAG);
                pos = p + 1;
                return true;
            } else if (c == '>') {
                if (isClose) {
                    emit(TokenType.TAG_CLOSE, pos, p - pos, State.DATA);
                    pos = p + 1;
                    isClose = false;
                } else {
                    emit(TokenType.TAG_NAME_OPEN, pos, p - pos, State.TAG_NAME_CLOSE);
                    pos = p;
                }
                return true;
            } else {
                p++;
            }
        }
        return emit(TokenType.TAG_NAME_OPEN, pos, len - pos, State.EOF);
    }

    private boolean beforeAttributeName() {
        int c = skipWhite();
        if (c == -1) {
            return false;
        } else if (c == '/') {
            pos++;
            return selfClosingStartTag();
        } else if (c == '>') {
            emit(TokenType.TAG_NAME_CLOSE, pos, 1, State.DATA);
            pos++;
            return true;
        }
        return attributeName();
    }

    private boolean attributeName() {
        // The first character belongs to the name whatever it is (even '=' or '/').
        int p = pos + 1;
        while (p < len) {
            char c = s.charAt(p);
            if (isWhite(c)) {
                emit(TokenType.ATTR_NAME, pos, p - pos, State.AFTER_ATTRIBUTE_NAME);
                pos = p + 1;
                return true;
            } else if (c == '/') {
                emit(TokenType.ATTR_NAME, pos, p - pos, State.SELF_CLOSING_START_TAG);
                pos = p + 1;
                return true;
            } else if (c == '=') {
                emit(TokenType.ATTR_NAME, pos, p - pos, State.BEFORE_ATTRIBUTE_VALUE);
                pos = p + 1;
                return true;
            } else if (c == '>') {
                emit(TokenType.ATTR_NAME, pos, p - pos, State.TAG_NAME_CLOSE);
                pos = p;
                return true;
            }
            p++;
        }
        emit(TokenType.ATTR_NAME, pos, len - pos, State.EOF);
        pos = len;
        return true;
    }

    private boolean afterAttributeName() {
        int c = skipWhite();
        if (c == -1) {
            return false;
        } else if (c == '/') {
            pos++;
            return selfClosingStartTag();
        } else if (c == '=') {
            pos++;
            return beforeAttributeValue();
        } else if (c == '>') {
            return tagNameClose();
        }
        return attributeName();
    }

    private boolean beforeAttributeValue() {
        int c = skipWhite();
        if (c == -1) {
            state = State.EOF;
            return false;
        } else if (c == '"' || c == '\'' || c == '`') {
            // The backquote is IE-only.
            return attributeValueQuoted((char) c);
        }
        return attributeValueNoQuote();
    }

    private boolean attributeValueQuoted(char quote) {
        // Skip the opening quote, except when tokenizing started inside the value (pos 0).
        if (pos > 0) {
            pos++;
        }
        int end = s.indexOf(quote, pos);
        if (end < 0) {
            return emit(TokenType.ATTR_VALUE, pos, len - pos, State.EOF);
        }
        emit(TokenType.ATTR_VALUE, pos, end - pos, State.AFTER_ATTRIBUTE_VALUE_QUOTED);
        pos = end + 1;
        return true;
    }

    private boolean attributeValueNoQuote() {
        int p = pos;
        while (p < len) {
            char c = s.charAt(p);
            if (isWhite(c)) {
                emit(TokenType.ATTR_VALUE, pos, p - pos, State.BEFORE_ATTRIBUTE_NAME);
                pos = p + 1;
                return true;
            } else if (c == '>') {
                emit(TokenType.ATTR_VALUE, pos, p - pos, State.TAG_NAME_CLOSE);
                pos = p;
                return true;
            }
            p++;
        }
        return emit(TokenType.ATTR_VALUE, pos, len - pos, State.EOF);
    }

    private boolean afterAttributeValueQuoted() {
        if (pos >= len) {
            return false;
        }
        char c = s.charAt(pos);
        if (isWhite(c)) {
            pos++;
            return beforeAttributeName();
        } else if (c == '/') {
            pos++;
            return selfClosingStartTag();
        } else if (c == '>') {
            emit(TokenType.TAG_NAME_CLOSE, pos, 1, State.DATA);
            pos++;
            return true;
        }
        return beforeAttributeName();
    }

    private boolean selfClosingStartTag() {
        if (pos >= len) {
            return false;
        }
        if (s.charAt(pos) == '>') {
            emit(TokenType.TAG_NAME_SELFCLOSE, pos - 1, 2, State.DATA);
            pos++;
            return true;
        }
        return beforeAttributeName();
    }

    private boolean bogusComment() {
        int gt = s.indexOf('>', pos);
        if (gt < 0) {
            emit(TokenType.TAG_COMMENT, pos, len - pos, State.EOF);
            pos = len;
        } else {
            emit(TokenType.TAG_COMMENT, pos, gt - pos, State.DATA);
            pos = gt + 1;
        }
        return true;
    }

    /** The {@code <% ... %>} comment. */
    private boolean bogusComment2() {
        int p = pos;
        while (true) {
            int pct = s.indexOf('%', p);
            if (pct < 0 || pct + 1 >= len) {
                emit(TokenType.TAG_COMMENT, pos, len - pos, State.EOF);
                pos = len;
                return true;
            }
            if (s.charAt(pct + 1) != '>') {
                p = pct + 1;
                continue;
            }
            emit(TokenType.TAG_COMMENT, pos, pct - pos, State.DATA);
            pos = pct + 2;
            return true;
        }
    }

    private boolean markupDeclarationOpen() {
        int remaining = len - pos;
        if (remaining >= 7 && s.regionMatches(true, pos, "DOCTYPE", 0, 7) && isAsciiWord(pos, 7)) {
            return doctype();
        } else if (remaining >= 7 && s.startsWith("[CDATA[", pos)) {
            pos += 7;
            return cdata();
        } else if (remaining >= 2 && s.charAt(pos) == '-' && s.charAt(pos + 1) == '-') {
            pos += 2;
            return comment();
        }
        return bogusComment();
    }

    /** Guards regionMatches(ignoreCase) against non-ASCII characters that fold to ASCII letters. */
    private boolean isAsciiWord(int from, int n) {
        for (int i = from; i < from + n; i++) {
            if (!isAsciiLetter(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** Comments end at the end of input, at "-->" or at "-!>" (NULs between the dashes are ignored). */
    private boolean comment() {
        int p = pos;
        while (true) {
            int dash = s.indexOf('-', p);
            if (dash < 0 || dash > len - 3) {
                return emit(TokenType.TAG_COMMENT, pos, len - pos, State.EOF);
            }
            int offset = 1;
            while (dash + offset < len && s.charAt(dash + offset) == 0) {
                offset++;
            }
            if (dash + offset == len) {
                return emit(TokenType.TAG_COMMENT, pos, len - pos, State.EOF);
            }
            char c = s.charAt(dash + offset);
            if (c != '-' && c != '!') {
                p = dash + 1;
                continue;
            }
            offset++;
            if (dash + offset == len) {
                return emit(TokenType.TAG_COMMENT, pos, len - pos, State.EOF);
            }
            if (s.charAt(dash + offset) != '>') {
                p = dash + 1;
                continue;
            }
            offset++;
            emit(TokenType.TAG_COMMENT, pos, dash - pos, State.DATA);
            pos = dash + offset;
            return true;
        }
    }

    private boolean cdata() {
        int p = pos;
        while (true) {
            int rb = s.indexOf(']', p);
            if (rb < 0 || rb > len - 3) {
                return emit(TokenType.DATA_TEXT, pos, len - pos, State.EOF);
            } else if (s.charAt(rb + 1) == ']' && s.charAt(rb + 2) == '>') {
                emit(TokenType.DATA_TEXT, pos, rb - pos, State.DATA);
                pos = rb + 3;
                return true;
            }
            p = rb + 1;
        }
    }

    private boolean doctype() {
        int gt = s.indexOf('>', pos);
        if (gt < 0) {
            return emit(TokenType.DOCTYPE, pos, len - pos, State.EOF);
        }
        emit(TokenType.DOCTYPE, pos, gt - pos, State.DATA);
        pos = gt + 1;
        return true;
    }
}
