package dev.citadel.catalogapi.problem;

import java.util.Map;

/**
 * An outcome the API answers with a specific problem type. Subclasses name the outcome; {@link ProblemAdvice} turns
 * each into {@code application/problem+json}. The detail text is written for clients: never put internals in it.
 */
public abstract class ApiProblemException extends RuntimeException {

    private final ProblemType type;

    protected ApiProblemException(ProblemType type, String detail) {
        this(type, detail, null);
    }

    protected ApiProblemException(ProblemType type, String detail, Throwable cause) {
        super(detail, cause);
        this.type = type;
    }

    public ProblemType type() {
        return type;
    }

    /** Extra members of the problem body. */
    public Map<String, Object> properties() {
        return Map.of();
    }
}
