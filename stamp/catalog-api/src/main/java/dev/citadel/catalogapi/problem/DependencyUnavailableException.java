package dev.citadel.catalogapi.problem;

/**
 * Cassandra or Kafka did not answer in time (or refused): the client should retry later. Answered 503 with
 * {@code Retry-After}; for an async write it means the write was NOT accepted.
 */
public class DependencyUnavailableException extends ApiProblemException {

    private final String dependency;

    public DependencyUnavailableException(String dependency, Throwable cause) {
        super(ProblemType.DEPENDENCY_UNAVAILABLE, "A dependency is temporarily unavailable, retry later", cause);
        this.dependency = dependency;
    }

    /** {@code cassandra} or {@code kafka}: a metric tag, not shown to clients. */
    public String dependency() {
        return dependency;
    }
}
