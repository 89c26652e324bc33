package dev.citadel.processor.deadletter;

/**
 * Header names the processor adds to a dead-lettered record. The original record's own headers (event-type,
 * traceparent, accepted-at) are kept as they were, so a replayed record is the original record.
 */
public final class DeadLetterHeaders {

    /** Why the record was dead-lettered: a {@code DeadLetterReason} header value, e.g. {@code unparseable}. */
    public static final String REASON = "dlq-reason";
    /** Class name of the exception that made the processor give up. */
    public static final String EXCEPTION = "dlq-exception";
    /** The exception's message, truncated to {@link #MAX_MESSAGE_CHARS}; for humans, never parsed. */
    public static final String EXCEPTION_MESSAGE = "dlq-exception-message";
    public static final String ORIGINAL_TOPIC = "dlq-original-topic";
    public static final String ORIGINAL_PARTITION = "dlq-original-partition";
    public static final String ORIGINAL_OFFSET = "dlq-original-offset";
    /** Epoch milliseconds at which the record was dead-lettered. */
    public static final String DEAD_LETTERED_AT = "dlq-dead-lettered-at";
    /** Attempts made before giving up. */
    public static final String ATTEMPTS = "dlq-attempts";

    public static final int MAX_MESSAGE_CHARS = 500;

    private DeadLetterHeaders() {
    }

    /** True for the headers above: stripped again when a record is replayed onto the main topic. */
    public static boolean isDeadLetterHeader(String name) {
        return name.startsWith("dlq-");
    }
}
