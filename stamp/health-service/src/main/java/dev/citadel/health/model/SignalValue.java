package dev.citadel.health.model;

/**
 * One signal behind a component's status.
 *
 * @param name   e.g. {@code failed-requests-per-minute}
 * @param value  the measured value over the window; {@code null} when there is no data yet
 * @param unit   e.g. {@code ms}, {@code 1/min}, {@code records}
 * @param yellow the yellow threshold
 * @param red    the red threshold
 * @param status the value judged against the thresholds
 * @param note   why there is no value, if there is none
 */
public record SignalValue(String name, Double value, String unit, double yellow, double red, Level status,
        String note) {

    /** Judges {@code value} against the thresholds; no data yet is green (nothing bad observed). */
    static SignalValue judge(String name, Double value, String unit, double yellow, double red) {
        if (value == null || value.isNaN()) {
            return new SignalValue(name, null, unit, yellow, red, Level.GREEN, "no data in the window yet");
        }
        Level level = value >= red ? Level.RED : value >= yellow ? Level.YELLOW : Level.GREEN;
        return new SignalValue(name, round(value), unit, yellow, red, level, null);
    }

    private static double round(double v) {
        return Math.round(v * 100.0) / 100.0;
    }
}
