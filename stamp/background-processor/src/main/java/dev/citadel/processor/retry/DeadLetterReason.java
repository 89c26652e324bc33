package dev.citadel.processor.retry;

/** Why a record went to the dead-letter topic; {@link #headerValue()} is written to the {@code dlq-reason} header. */
public enum DeadLetterReason {
    UNPARSEABLE("unparseable"),
    INVALID("invalid"),
    RETRIES_EXHAUSTED("retries-exhausted"),
    FATAL("fatal"),
    UNEXPECTED("unexpected");

    private final String headerValue;

    DeadLetterReason(String headerValue) {
        this.headerValue = headerValue;
    }

    /** Stable, lower-case value: operators filter on it, so renaming one is a breaking change. */
    public String headerValue() {
        return headerValue;
    }
}
