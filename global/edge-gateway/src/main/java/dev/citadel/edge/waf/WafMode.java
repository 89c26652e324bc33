package dev.citadel.edge.waf;

import java.util.Locale;

/** PREVENTION blocks requests at or over the anomaly threshold; DETECTION only logs what it would have blocked. */
public enum WafMode {
    PREVENTION, DETECTION;

    /** Case-insensitive; anything but "prevention" or "detection" is refused with a message naming the value. */
    public static WafMode parse(String value) {
        if (value != null) {
            for (WafMode m : values()) {
                if (m.name().equalsIgnoreCase(value.trim())) {
                    return m;
                }
            }
        }
        throw new IllegalArgumentException("waf.mode must be 'prevention' or 'detection', was '" + value + "'");
    }

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
