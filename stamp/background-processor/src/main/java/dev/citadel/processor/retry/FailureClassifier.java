package dev.citadel.processor.retry;

/** Maps a failure thrown while handling a record to its {@link FailureKind}, by type. */
@FunctionalInterface
public interface FailureClassifier {
    FailureKind classify(Throwable failure);
}
