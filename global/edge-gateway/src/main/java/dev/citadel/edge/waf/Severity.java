package dev.citadel.edge.waf;

import java.util.Locale;

/** Rule severity and the anomaly score it adds, as in the OWASP Core Rule Set's anomaly scoring. */
public enum Severity {
    CRITICAL(5), ERROR(4), WARNING(3), NOTICE(2);

    private final int score;

    Severity(int score) {
        this.score = score;
    }

    public int score() {
        return score;
    }

    static Severity fromKey(String key) {
        return valueOf(key.toUpperCase(Locale.ROOT));
    }
}
