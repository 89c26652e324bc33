package dev.citadel.catalogapi.problem;

/** A write that needs an API key came without a valid one. The detail never says which keys exist. */
public class UnauthorizedException extends ApiProblemException {

    public UnauthorizedException() {
        super(ProblemType.UNAUTHORIZED, "A valid X-API-KEY header is required for this operation");
    }
}
