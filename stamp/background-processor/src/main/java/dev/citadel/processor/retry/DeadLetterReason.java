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

    /**
     * Why a record whose last attempt failed with {@code kind} is dead-lettered: only a transient failure is ever
     * retried, so reaching the dead-letter topic with one means the retries ran out.
     */
    public static DeadLetterReason of(FailureKind kind) {
        return switch (kind) {
            case UNPARSEABLE -> UNPARSEABLE;
            case INVALID -> INVALID;
            case TRANSIENT, STORE_UNREACHABLE -> RETRIES_EXHAUSTED;
            case FATAL -> FATAL;
            case UNEXPECTED -> UNEXPECTED;
        };
    }

    /** Stable, lower-case value: operators filter on it, so renaming one is a breaking change. */
    public String headerValue() {
        return headerValue;
    }
}
