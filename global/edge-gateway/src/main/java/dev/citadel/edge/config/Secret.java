package dev.citadel.edge.config;

import java.util.Objects;

/**
 * A value that must never reach a log or an error message (STYLE §4): {@link #toString()} is {@code [hidden]},
 * so a record holding one prints safely. Only {@link #value()} gives the text, for the one place that sends it.
 */
public final class Secret {
    private final String value;

    private Secret(String value) {
        this.value = Objects.requireNonNull(value);
    }

    public static Secret of(String value) {
        return new Secret(value);
    }

    public String value() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret s && s.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return "[hidden]";
    }
}
