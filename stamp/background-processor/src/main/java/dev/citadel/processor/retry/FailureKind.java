package dev.citadel.processor.retry;

/**
 * What a failure to handle one record means for that record. Derived from the exception's type, never its message
 * (STYLE.md §5), by a {@link FailureClassifier}.
 */
public enum FailureKind {
    /** The bytes are not a catalog event at all (not JSON, no or an unknown type): no retry can help. */
    UNPARSEABLE,
    /** An event of a known type with missing or invalid fields (codec or store validation): no retry can help. */
    INVALID,
    /** The dependency may recover (timeouts, unavailable, overloaded, no host): retry with backoff. */
    TRANSIENT,
    /** The dependency refused for good (e.g. a bad statement, missing permission). */
    FATAL,
    /** Anything we did not anticipate: a bug. Dead-lettered so that it blocks nothing and can be replayed. */
    UNEXPECTED
}
