package dev.citadel.edge.observe;

/**
 * One access-log line as a JSON object, built straight into a {@link StringBuilder}: this runs once per request on
 * an event loop, where a map and a general-purpose JSON mapper cost more than the rest of the logging together.
 */
final class AccessLogLine {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final StringBuilder b = new StringBuilder(256).append('{');

    AccessLogLine string(String name, String value) {
        key(name).append('"');
        escape(value);
        b.append('"');
        return this;
    }

    AccessLogLine number(String name, long value) {
        key(name).append(value);
        return this;
    }

    /** A duration in milliseconds with one decimal, e.g. {@code 12.3}. */
    AccessLogLine millis(String name, long nanos) {
        long tenths = Math.round(nanos / 1e5);
        key(name).append(tenths / 10).append('.').append(tenths % 10);
        return this;
    }

    String build() {
        return b.append('}').toString();
    }

    private StringBuilder key(String name) {
        if (b.length() > 1) {
            b.append(',');
        }
        return b.append('"').append(name).append("\":");
    }

    private void escape(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        b.append("\\u").append(HEX[(c >> 12) & 0xF]).append(HEX[(c >> 8) & 0xF])
                                .append(HEX[(c >> 4) & 0xF]).append(HEX[c & 0xF]);
                    } else {
                        b.append(c);
                    }
                }
            }
        }
    }
}
