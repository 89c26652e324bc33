package dev.citadel.health.rotation;

import java.util.Locale;
import java.util.Optional;

/** Whether the operator wants this stamp to receive traffic. */
public enum Rotation {
    IN, OUT;

    /** {@code in} or {@code out}, case-insensitive; anything else is empty. */
    public static Optional<Rotation> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "in" -> Optional.of(IN);
            case "out" -> Optional.of(OUT);
            default -> Optional.empty();
        };
    }

    /** The wire form: {@code in} / {@code out}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
