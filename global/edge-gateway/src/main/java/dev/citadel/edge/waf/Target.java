package dev.citadel.edge.waf;

import java.util.Locale;

/**
 * Which part of the request a rule looks at. YAML keys: {@code path}, {@code method}, {@code args} (query and
 * body argument values, JSON string values included), {@code args_names}, {@code cookies}, {@code cookies_names},
 * {@code headers} or {@code headers:<name>}, {@code headers_names}, {@code body} (raw body, only when it is not
 * parsed as form or JSON), {@code flags} (protocol facts found while parsing), {@code args_count}.
 */
record Target(Kind kind, String selector) {

    enum Kind { PATH, METHOD, ARGS, ARGS_NAMES, COOKIES, COOKIES_NAMES, HEADERS, HEADERS_NAMES, BODY, FLAGS, ARGS_COUNT }

    static Target parse(String spec) {
        String s = spec.trim().toLowerCase(Locale.ROOT);
        int colon = s.indexOf(':');
        String kind = colon < 0 ? s : s.substring(0, colon);
        String selector = colon < 0 ? null : s.substring(colon + 1);
        Kind k = Kind.valueOf(kind.toUpperCase(Locale.ROOT));
        if (selector != null && k != Kind.HEADERS) {
            throw new IllegalArgumentException("only headers take a selector: '" + spec + "'");
        }
        return new Target(k, selector);
    }

    /** True for targets whose values belong to a named argument (exclusions can be scoped to those names). */
    boolean isArgument() {
        return kind == Kind.ARGS || kind == Kind.ARGS_NAMES || kind == Kind.COOKIES || kind == Kind.COOKIES_NAMES;
    }

    @Override
    public String toString() {
        String k = kind.name().toLowerCase(Locale.ROOT);
        return selector == null ? k : k + ":" + selector;
    }
}
