package dev.citadel.edge.waf;

import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** How a rule tests a transformed value. {@link #match} returns the matching fragment (for the log) or null. */
sealed interface Operator {

    String match(String value);

    /** {@code regex}: a find (not a full match) anywhere in the value. */
    record Regex(Pattern pattern) implements Operator {
        @Override public String match(String value) {
            Matcher m = pattern.matcher(value);
            return m.find() ? m.group() : null;
        }
    }

    /** {@code phrases}: the value contains any of the phrases (plain substring search, no regex cost). */
    record Phrases(List<String> phrases) implements Operator {
        @Override public String match(String value) {
            for (String p : phrases) {
                if (value.contains(p)) {
                    return p;
                }
            }
            return null;
        }
    }

    /** {@code equals}: the whole value equals one of the listed strings. */
    record Equals(Set<String> values) implements Operator {
        @Override public String match(String value) {
            return values.contains(value) ? value : null;
        }
    }

    /** {@code gt}: the value is an integer greater than the limit (counts such as {@code args_count}). */
    record GreaterThan(long limit) implements Operator {
        @Override public String match(String value) {
            try {
                return Long.parseLong(value) > limit ? value : null;
            } catch (NumberFormatException e) {
                return null;
            }
        }
    }

    /** {@code length_gt}: the value is longer than the limit, in characters. */
    record LengthGreaterThan(int limit) implements Operator {
        @Override public String match(String value) {
            return value.length() > limit ? "length " + value.length() : null;
        }
    }
}
