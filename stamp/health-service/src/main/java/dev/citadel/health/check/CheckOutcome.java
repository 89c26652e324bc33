package dev.citadel.health.check;

/**
 * What one run of a check found. A check that throws is {@code DOWN} with the exception's summary as detail.
 *
 * @param status the verdict
 * @param detail one line for the operator; never a secret or a stack trace
 */
public record CheckOutcome(CheckStatus status, String detail) {

    public static CheckOutcome up(String detail) {
        return new CheckOutcome(CheckStatus.UP, detail);
    }

    public static CheckOutcome down(String detail) {
        return new CheckOutcome(CheckStatus.DOWN, detail);
    }
}
