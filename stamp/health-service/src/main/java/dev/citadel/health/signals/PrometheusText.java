package dev.citadel.health.signals;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small strict parser of the Prometheus text exposition format 0.0.4 (what Micrometer's Prometheus endpoint
 * serves for {@code Accept: text/plain}); no parser ships with the Prometheus Java client. Comments ({@code # HELP},
 * {@code # TYPE}, {@code # EOF}) and blank lines are skipped; a malformed line fails the whole scrape with its line
 * number, because a half-understood scrape would feed the health model wrong numbers.
 */
public final class PrometheusText {

    private PrometheusText() {
    }

    public static List<Sample> parse(String text) {
        List<Sample> samples = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            try {
                samples.add(parseLine(line));
            } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
                throw new IllegalArgumentException("malformed Prometheus text at line " + (i + 1) + ": "
                        + e.getMessage(), e);
            }
        }
        return samples;
    }

    private static Sample parseLine(String line) {
        int pos = 0;
        while (pos < line.length() && isNameChar(line.charAt(pos), pos == 0)) {
            pos++;
        }
        if (pos == 0) {
            throw new IllegalArgumentException("no metric name");
        }
        String name = line.substring(0, pos);
        Map<String, String> labels = new LinkedHashMap<>();
        if (pos < line.length() && line.charAt(pos) == '{') {
            pos = parseLabels(line, pos + 1, labels);
        }
        if (pos >= line.length() || (line.charAt(pos) != ' ' && line.charAt(pos) != '\t')) {
            throw new IllegalArgumentException("expected a space before the value");
        }
        String[] rest = line.substring(pos).strip().split("[ \t]+");
        if (rest.length < 1 || rest.length > 2) {
            throw new IllegalArgumentException("expected a value and an optional timestamp");
        }
        if (rest.length == 2) {
            Long.parseLong(rest[1]); // the timestamp must be an integer; its value is not used
        }
        return new Sample(name, labels, parseValue(rest[0]));
    }

    /** Parses {@code a="x",b="y"}} from {@code pos} (just after the brace); returns the index after the brace. */
    private static int parseLabels(String line, int pos, Map<String, String> labels) {
        while (true) {
            if (line.charAt(pos) == '}') {
                return pos + 1;
            }
            int start = pos;
            while (isNameChar(line.charAt(pos), pos == start)) {
                pos++;
            }
            if (pos == start) {
                throw new IllegalArgumentException("bad label name at column " + (pos + 1));
            }
            String key = line.substring(start, pos);
            if (line.charAt(pos) != '=' || line.charAt(pos + 1) != '"') {
                throw new IllegalArgumentException("expected =\" after label " + key);
            }
            pos += 2;
            StringBuilder value = new StringBuilder();
            while (line.charAt(pos) != '"') {
                char c = line.charAt(pos);
                if (c == '\\') {
                    char next = line.charAt(pos + 1);
                    value.append(switch (next) {
                        case 'n' -> '\n';
                        case '\\' -> '\\';
                        case '"' -> '"';
                        default -> throw new IllegalArgumentException("bad escape \\" + next);
                    });
                    pos += 2;
                } else {
                    value.append(c);
                    pos++;
                }
            }
            pos++;
            if (labels.put(key, value.toString()) != null) {
                throw new IllegalArgumentException("duplicate label " + key);
            }
            if (line.charAt(pos) == ',') {
                pos++;
            } else if (line.charAt(pos) != '}') {
                throw new IllegalArgumentException("expected , or } after label " + key);
            }
        }
    }

    private static double parseValue(String token) {
        return switch (token) {
            case "NaN", "Nan" -> Double.NaN;
            case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> {
                try {
                    yield Double.parseDouble(token);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("bad value " + token);
                }
            }
        };
    }

    private static boolean isNameChar(char c, boolean first) {
        return c == '_' || c == ':' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
                || (!first && c >= '0' && c <= '9');
    }
}
