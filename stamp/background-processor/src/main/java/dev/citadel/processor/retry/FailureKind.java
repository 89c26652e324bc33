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
    /** The dependency may recover (timeouts, overloaded, a lost connection): retry with backoff. */
    TRANSIENT,
    /**
     * The store cannot be reached at all (no node of the local data centre answers, or too few replicas are alive):
     * no record is at fault, so the record is retried until the store is back and never dead-lettered — dead-lettering
     * every record of an outage would turn a dependency's death into accepted writes that are never applied.
     */
    STORE_UNREACHABLE,
    /** The dependency refused for good (e.g. a bad statement, missing permission). */
    FATAL,
    /** Anything we did not anticipate: a bug. Dead-lettered so that it blocks nothing and can be replayed. */
    UNEXPECTED
}
