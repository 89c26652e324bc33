package dev.citadel.catalogapi.problem;

/** The addressed item, comment, rating or image does not exist. */
public class NotFoundException extends ApiProblemException {

    public NotFoundException(String what, Object id) {
        super(ProblemType.NOT_FOUND, what + " " + id + " not found");
    }
}
