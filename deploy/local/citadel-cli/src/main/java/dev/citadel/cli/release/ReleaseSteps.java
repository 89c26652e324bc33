package dev.citadel.cli.release;

import java.util.ArrayList;
import java.util.List;

/**
 * The traffic shares of a release, in percent of every origin group's traffic that goes to the new unit: strictly
 * rising, each 1..100, the last 100. A release that never reaches 100 % would leave two units serving for good.
 */
public record ReleaseSteps(List<Integer> percents) {

    public static final ReleaseSteps DEFAULT = new ReleaseSteps(List.of(10, 50, 100));

    public ReleaseSteps {
        percents = List.copyOf(percents);
        if (percents.isEmpty()) {
            throw new IllegalArgumentException("steps: at least one, the last 100");
        }
        int previous = 0;
        for (int p : percents) {
            if (p <= previous || p > 100) {
                throw new IllegalArgumentException("steps must rise strictly within 1..100: " + percents);
            }
            previous = p;
        }
        if (previous != 100) {
            throw new IllegalArgumentException("the last step must be 100: " + percents);
        }
    }

    /** "10,50,100" (spaces and a trailing % allowed). */
    public static ReleaseSteps parse(String text) {
        List<Integer> percents = new ArrayList<>();
        for (String part : text.split(",")) {
            String p = part.strip();
            if (p.endsWith("%")) {
                p = p.substring(0, p.length() - 1).strip();
            }
            try {
                percents.add(Integer.parseInt(p));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("steps: '" + part.strip() + "' is not a percentage");
            }
        }
        return new ReleaseSteps(percents);
    }

    /**
     * The edge weights of one origin pair at {@code percent}: the old unit's origin gets {@code 100 - percent}, the
     * new one {@code percent}. Every stamp of a unit gets the same weight, so the share holds for the whole group.
     */
    public static Weights weights(int percent) {
        return new Weights(100 - percent, percent);
    }

    public record Weights(int oldUnit, int newUnit) {}
}
