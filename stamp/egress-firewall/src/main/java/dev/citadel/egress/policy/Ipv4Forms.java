package dev.citadel.egress.policy;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * inet_aton(3) / WHATWG IPv4 parsing: 1 to 4 parts, each decimal, 0x-hex or 0-octal; the last part fills all
 * remaining bytes ({@code 127.1} = 127.0.0.1, {@code 2130706433} = 127.0.0.1). This is how the C resolver and
 * browsers read such hosts, so it is how the firewall must read them to know what they denote.
 */
final class Ipv4Forms {
    private Ipv4Forms() {
    }

    /** The address the labels denote, or null when they are not a valid IPv4 literal. */
    static InetAddress parse(String[] labels) {
        if (labels.length > 4) {
            return null;
        }
        long value = 0;
        for (int i = 0; i < labels.length; i++) {
            long part = part(labels[i]);
            boolean last = i == labels.length - 1;
            long max = last ? (1L << (8 * (5 - labels.length))) - 1 : 255;
            if (part < 0 || part > max) {
                return null;
            }
            value = last ? (value << (8 * (5 - labels.length))) | part : (value << 8) | part;
        }
        byte[] bytes = {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** One part's value, or -1 if malformed or larger than 32 bits. */
    private static long part(String s) {
        int radix = 10;
        String digits = s;
        if (s.startsWith("0x") || s.startsWith("0X")) {
            radix = 16;
            digits = s.substring(2);
            if (digits.isEmpty()) {
                return 0;
            }
        } else if (s.length() > 1 && s.startsWith("0")) {
            radix = 8;
            digits = s.substring(1);
        }
        if (digits.isEmpty() || digits.length() > 32) {
            return -1;
        }
        long v = 0;
        for (int i = 0; i < digits.length(); i++) {
            int d = Character.digit(digits.charAt(i), radix);
            if (d < 0) {
                return -1;
            }
            v = v * radix + d;
            if (v > 0xFFFF_FFFFL) {
                return -1;
            }
        }
        return v;
    }
}
