package dev.citadel.processor.deadletter;

/** The dead-letter topic did not confirm a record: the record stays uncommitted and is delivered again. */
public final class DeadLetterException extends RuntimeException {

    public DeadLetterException(String message, Throwable cause) {
        super(message, cause);
    }
}
