package dev.citadel.health.model;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Collection;
import java.util.Locale;

/**
 * A health-model status, ordered from best to worst. {@code UNKNOWN} (a signal source could not be read) weighs
 * like yellow in the score but ranks worse than yellow in a roll-up, so the operator sees that something is blind.
 */
public enum Level {
    GREEN, YELLOW, UNKNOWN, RED;

    public static Level worst(Collection<Level> levels) {
        Level worst = GREEN;
        for (Level l : levels) {
            if (l.ordinal() > worst.ordinal()) {
                worst = l;
            }
        }
        return worst;
    }

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
