package dev.citadel.catalogapi.problem;

/** The request body is larger than {@code citadel.catalog-api.limits.max-request-body}. */
public class PayloadTooLargeException extends ApiProblemException {

    public PayloadTooLargeException(long limitBytes) {
        super(ProblemType.PAYLOAD_TOO_LARGE, "The request body exceeds " + limitBytes + " bytes");
    }
}
