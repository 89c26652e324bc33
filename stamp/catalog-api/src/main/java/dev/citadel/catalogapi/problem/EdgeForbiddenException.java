package dev.citadel.catalogapi.problem;

/** The request lacks the edge's id header: it did not come through the edge (CITADEL.md §6, defence in depth). */
public class EdgeForbiddenException extends ApiProblemException {

    public EdgeForbiddenException() {
        super(ProblemType.EDGE_FORBIDDEN, "Requests must come through the edge");
    }
}
