package dev.citadel.platform.engines.process;

/** An engine did not start: it exited, or it was not ready in time. The message carries its log tail. */
public class EngineStartException extends RuntimeException {

    public EngineStartException(String message) {
        super(message);
    }

    public EngineStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
