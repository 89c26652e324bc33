package dev.citadel.catalogapi.problem;

/**
 * An {@code Idempotency-Key} the API will not act on (draft-ietf-httpapi-idempotency-key-header §2.7): malformed
 * (400), still in use by the first request (409, retry after {@code Retry-After}), or reused for a different request
 * (422). Nothing was executed.
 */
public class IdempotencyProblemException extends ApiProblemException {

    private IdempotencyProblemException(ProblemType type, String detail) {
        super(type, detail);
    }

    public static IdempotencyProblemException invalid(String why) {
        return new IdempotencyProblemException(ProblemType.INVALID_IDEMPOTENCY_KEY, why);
    }

    public static IdempotencyProblemException inUse() {
        return new IdempotencyProblemException(ProblemType.IDEMPOTENCY_KEY_IN_USE,
                "The first request with this Idempotency-Key has not finished yet; retry it after Retry-After");
    }

    public static IdempotencyProblemException reused() {
        return new IdempotencyProblemException(ProblemType.IDEMPOTENCY_KEY_REUSED,
                "This Idempotency-Key was already used for a different request (method, path or body)");
    }

    /** A 409 tells the client to come back: the answer it wants exists once the first request completes. */
    public boolean retryLater() {
        return type() == ProblemType.IDEMPOTENCY_KEY_IN_USE;
    }
}
