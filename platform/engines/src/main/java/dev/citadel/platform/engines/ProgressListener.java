package dev.citadel.platform.engines;

/** Receives one line per step of a long operation (a CLI prints them; tests may log them). */
@FunctionalInterface
public interface ProgressListener {

    ProgressListener NONE = message -> { };

    void onProgress(String message);

    /** Forwards progress to an SLF4J logger at INFO. */
    static ProgressListener logging(org.slf4j.Logger logger) {
        return message -> logger.info("{}", message);
    }
}
