package dev.citadel.cli;

/** The one way a command ends with a non-zero exit code and a message for the operator (no stack trace). */
public final class ExitException extends RuntimeException {

    private final int code;

    public ExitException(int code, String message) {
        super(message);
        this.code = code;
    }

    public ExitException(int code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public int code() {
        return code;
    }
}
