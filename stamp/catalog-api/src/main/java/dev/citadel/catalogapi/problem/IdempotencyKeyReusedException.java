package dev.citadel.catalogapi.problem;

/**
 * The {@code Idempotency-Key} already created a resource with different content (422, as the idempotency-key draft
 * asks): the client reused a key for another request. Nothing was executed; the first outcome stands.
 */
public class IdempotencyKeyReusedException extends ApiProblemException {

    public IdempotencyKeyReusedException() {
        super(ProblemType.IDEMPOTENCY_KEY_REUSED,
                "This Idempotency-Key was already used on this item for a request with a different body");
    }
}
