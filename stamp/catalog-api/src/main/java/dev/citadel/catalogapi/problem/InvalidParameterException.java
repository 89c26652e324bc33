package dev.citadel.catalogapi.problem;

import java.util.Map;

/** A path or query parameter is out of range or malformed (e.g. {@code limit=0}, a bad paging token). */
public class InvalidParameterException extends ApiProblemException {

    private final String parameter;

    public InvalidParameterException(String parameter, String detail) {
        super(ProblemType.INVALID_PARAMETER, detail);
        this.parameter = parameter;
    }

    @Override
    public Map<String, Object> properties() {
        return Map.of("parameter", parameter);
    }
}
