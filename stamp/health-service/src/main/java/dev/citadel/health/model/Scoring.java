package dev.citadel.health.model;

import java.util.Collection;

/** The score rule of CITADEL.md §5: 1 − 0.25·(any yellow) − 0.5·(any red); unknown weighs like yellow. */
final class Scoring {

    private Scoring() {
    }

    static double score(Collection<Level> levels) {
        boolean yellow = levels.stream().anyMatch(l -> l == Level.YELLOW || l == Level.UNKNOWN);
        boolean red = levels.contains(Level.RED);
        return 1.0 - (yellow ? 0.25 : 0.0) - (red ? 0.5 : 0.0);
    }
}
