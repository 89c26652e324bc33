package dev.citadel.edge.waf;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Set;

/**
 * Percent-decoding that never fails but reports every encoding abuse it sees. Attackers hide payloads in
 * malformed escapes, IIS-style {@code %uXXXX} and overlong UTF-8 ({@code %c0%af} for "/"); a WAF that decodes
 * differently from the origin is bypassed, so each of these is reported as a {@link Anomaly} the protocol rules
 * can block on, and the decoded text is what a lenient origin would see.
 */
final class PercentDecoder {

    enum Anomaly { MALFORMED_PERCENT, PERCENT_U, INVALID_UTF8, OVERLONG_UTF8 }

    record Result(String text, Set<Anomaly> anomalies) { }

    private PercentDecoder() { }

    /** Decodes once; {@code plusIsSpace} for query strings and form bodies (application/x-www-form-urlencoded). */
    static Result decode(String s, boolean plusIsSpace) {
        if (s.indexOf('%') < 0 && (!plusIsSpace || s.indexOf('+') < 0)) {
            return new Result(s, Set.of());
        }
        EnumSet<Anomaly> anomalies = EnumSet.noneOf(Anomaly.class);
        StringBuilder out = new StringBuilder(s.length());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '%' && isHex(s, i + 1, 2)) {
                bytes.write(Integer.parseInt(s, i + 1, i + 3, 16));
                i += 3;
                continue;
            }
            flushBytes(bytes, out, anomalies);
            if (c == '%' && i + 1 < s.length() && (s.charAt(i + 1) == 'u' || s.charAt(i + 1) == 'U')
                    && isHex(s, i + 2, 4)) {
                anomalies.add(Anomaly.PERCENT_U);
                out.append((char) Integer.parseInt(s, i + 2, i + 6, 16));
                i += 6;
            } else {
                if (c == '%') {
                    anomalies.add(Anomaly.MALFORMED_PERCENT);
                }
                out.append(plusIsSpace && c == '+' ? ' ' : c);
                i++;
            }
        }
        flushBytes(bytes, out, anomalies);
        return new Result(out.toString(), anomalies.isEmpty() ? Set.of() : anomalies);
    }

    /** Decodes repeatedly (double/triple encoding), up to {@code maxRounds}, ignoring anomalies. */
    static String decodeRepeatedly(String s, int maxRounds) {
        String current = s;
        for (int round = 0; round < maxRounds && current.indexOf('%') >= 0; round++) {
            String next = decode(current, false).text();
            if (next.equals(current)) {
                break;
            }
            current = next;
        }
        return current;
    }

    /** Strict UTF-8 check on raw bytes (bodies); overlong forms are reported separately. */
    static Set<Anomaly> checkUtf8(byte[] data, int length) {
        if (isAscii(data, length)) {
            return Set.of();
        }
        EnumSet<Anomaly> anomalies = EnumSet.noneOf(Anomaly.class);
        if (hasOverlong(data, length)) {
            anomalies.add(Anomaly.OVERLONG_UTF8);
        }
        try {
            strictDecoder().decode(ByteBuffer.wrap(data, 0, length));
        } catch (CharacterCodingException e) {
            anomalies.add(Anomaly.INVALID_UTF8);
        }
        return anomalies;
    }

    private static void flushBytes(ByteArrayOutputStream bytes, StringBuilder out, Set<Anomaly> anomalies) {
        if (bytes.size() == 0) {
            return;
        }
        byte[] b = bytes.toByteArray();
        bytes.reset();
        if (isAscii(b, b.length)) {
            for (byte x : b) {
                out.append((char) x);
            }
            return;
        }
        if (hasOverlong(b, b.length)) {
            anomalies.add(Anomaly.OVERLONG_UTF8);
            out.append(decodeOverlongLeniently(b));
            return;
        }
        try {
            out.append(strictDecoder().decode(ByteBuffer.wrap(b)));
        } catch (CharacterCodingException e) {
            anomalies.add(Anomaly.INVALID_UTF8);
            out.append(new String(b, StandardCharsets.ISO_8859_1));
        }
    }

    /** What a sloppy origin decoder would make of overlong sequences: the code point they smuggle. */
    private static String decodeOverlongLeniently(byte[] b) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < b.length; i++) {
            int x = b[i] & 0xff;
            if ((x & 0xe0) == 0xc0 && i + 1 < b.length) {
                sb.append((char) (((x & 0x1f) << 6) | (b[i + 1] & 0x3f)));
                i++;
            } else if ((x & 0xf0) == 0xe0 && i + 2 < b.length) {
                sb.append((char) (((x & 0x0f) << 12) | ((b[i + 1] & 0x3f) << 6) | (b[i + 2] & 0x3f)));
                i += 2;
            } else {
                sb.append((char) x);
            }
        }
        return sb.toString();
    }

    private static boolean hasOverlong(byte[] b, int length) {
        for (int i = 0; i < length; i++) {
            int x = b[i] & 0xff;
            if (x == 0xc0 || x == 0xc1) {
                return true;
            }
            if (i + 1 < length) {
                int y = b[i + 1] & 0xff;
                if ((x == 0xe0 && y < 0xa0 && y >= 0x80) || (x == 0xf0 && y < 0x90 && y >= 0x80)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isAscii(byte[] data, int length) {
        for (int i = 0; i < length; i++) {
            if (data[i] < 0) {
                return false;
            }
        }
        return true;
    }

    private static CharsetDecoder strictDecoder() {
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    private static boolean isHex(String s, int from, int count) {
        if (from + count > s.length()) {
            return false;
        }
        for (int i = from; i < from + count; i++) {
            if (Character.digit(s.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }
}
