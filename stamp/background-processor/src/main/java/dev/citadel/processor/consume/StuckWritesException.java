package dev.citadel.processor.consume;

/**
 * Writes of the concurrent pass stayed unanswered past the in-flight timeout: the driver's own request timeout
 * should have answered them long before, so their completion is taken as lost. The batch is abandoned unsettled
 * (nothing of it is committed) and the consumer loop delivers it again.
 */
final class StuckWritesException extends RuntimeException {

    StuckWritesException(String message) {
        super(message);
    }
}
