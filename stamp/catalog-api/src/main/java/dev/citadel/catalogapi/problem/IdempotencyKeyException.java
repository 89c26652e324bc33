package dev.citadel.catalogapi.problem;

/** The {@code Idempotency-Key} header is not a usable key (400); nothing was executed. */
public class IdempotencyKeyException extends ApiProblemException {

    public IdempotencyKeyException(String detail) {
        super(ProblemType.INVALID_IDEMPOTENCY_KEY, detail);
    }
}
