package dev.citadel.libinjection;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * libinjection's data, loaded once: the SQL keyword table and the fingerprint set. Both are immutable after
 * class initialisation and looked up without allocating, so the detectors can share them across threads.
 */
final class SqliData {

    private static final String KEYWORDS = "sqli-keywords.txt";
    private static final String FINGERPRINTS = "sqli-fingerprints.txt";

    /** Open addressing, linear probing; keys are upper case, lookups fold only a-z (as libinjection does). */
    private static final String[] KEY_SLOTS;
    private static final SqliTokenType[] TYPE_SLOTS;
    private static final int MASK;
    private static final int KEYWORD_COUNT;

    /** Each fingerprint packed by {@link #packFingerprint}, sorted for binary search. */
    private static final long[] FINGERPRINTS_PACKED;

    static {
        List<String> words = new ArrayList<>();
        List<SqliTokenType> types = new ArrayList<>();
        readLines(KEYWORDS, line -> {
            int tab = line.indexOf('\t');
            if (tab <= 0 || tab != line.length() - 2) {
                throw new IllegalStateException("malformed keyword line in " + KEYWORDS + ": " + line);
            }
            SqliTokenType type = SqliTokenType.ofCode(line.charAt(tab + 1));
            if (type == null || type == SqliTokenType.NONE) {
                throw new IllegalStateException("unknown token type in " + KEYWORDS + ": " + line);
            }
            words.add(line.substring(0, tab));
            types.add(type);
        });
        int capacity = Integer.highestOneBit(words.size() * 4 - 1) << 1;
        KEY_SLOTS = new String[capacity];
        TYPE_SLOTS = new SqliTokenType[capacity];
        MASK = capacity - 1;
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            int slot = hash(w, 0, w.length()) & MASK;
            while (KEY_SLOTS[slot] != null) {
                if (KEY_SLOTS[slot].equals(w)) {
                    throw new IllegalStateException("duplicate keyword in " + KEYWORDS + ": " + w);
                }
                slot = (slot + 1) & MASK;
            }
            KEY_SLOTS[slot] = w;
            TYPE_SLOTS[slot] = types.get(i);
        }
        KEYWORD_COUNT = words.size();

        List<Long> packed = new ArrayList<>();
        readLines(FINGERPRINTS, line -> packed.add(packFingerprint(line, line.length())));
        FINGERPRINTS_PACKED = packed.stream().mapToLong(Long::longValue).sorted().distinct().toArray();
    }

    private SqliData() {
    }

    static int keywordCount() {
        return KEYWORD_COUNT;
    }

    static int fingerprintCount() {
        return FINGERPRINTS_PACKED.length;
    }

    /** The keyword type of {@code chars[off, off+len)}, case-insensitively for a-z, or null when none. */
    static SqliTokenType lookupWord(char[] chars, int off, int len) {
        if (len == 0) {
            return null;
        }
        int slot = hash(chars, off, len) & MASK;
        String key;
        while ((key = KEY_SLOTS[slot]) != null) {
            if (key.length() == len && matches(key, chars, off, len)) {
                return TYPE_SLOTS[slot];
            }
            slot = (slot + 1) & MASK;
        }
        return null;
    }

    /** Whether {@code fingerprint[0, len)} (token type codes, any case) is in libinjection's fingerprint set. */
    static boolean isFingerprint(char[] fingerprint, int len) {
        if (len == 0 || len > 6) {
            return false;
        }
        long key = 0;
        for (int i = 0; i < len; i++) {
            key = (key << 8) | toUpper(fingerprint[i]);
        }
        return Arrays.binarySearch(FINGERPRINTS_PACKED, key) >= 0;
    }

    private static long packFingerprint(CharSequence fp, int len) {
        if (len == 0 || len > 6) {
            throw new IllegalStateException("bad fingerprint in " + FINGERPRINTS + ": " + fp);
        }
        long key = 0;
        for (int i = 0; i < len; i++) {
            char c = fp.charAt(i);
            if (c == 0 || c > 127) {
                throw new IllegalStateException("bad fingerprint in " + FINGERPRINTS + ": " + fp);
            }
            key = (key << 8) | toUpper(c);
        }
        return key;
    }

    static char toUpper(char c) {
        return c >= 'a' && c <= 'z' ? (char) (c - 0x20) : c;
    }

    private static boolean matches(String key, char[] chars, int off, int len) {
        for (int i = 0; i < len; i++) {
            if (key.charAt(i) != toUpper(chars[off + i])) {
                return false;
            }
        }
        return true;
    }

    private static int hash(char[] chars, int off, int len) {
        int h = 0;
        for (int i = off; i < off + len; i++) {
            h = 31 * h + toUpper(chars[i]);
        }
        return spread(h);
    }

    private static int hash(String s, int off, int len) {
        int h = 0;
        for (int i = off; i < off + len; i++) {
            h = 31 * h + toUpper(s.charAt(i));
        }
        return spread(h);
    }

    private static int spread(int h) {
        return h ^ (h >>> 16);
    }

    private static void readLines(String resource, Consumer<String> sink) {
        try (InputStream in = SqliData.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isEmpty() && line.charAt(0) != '#') {
                    sink.accept(line);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}
