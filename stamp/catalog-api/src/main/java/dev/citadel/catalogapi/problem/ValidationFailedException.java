package dev.citadel.catalogapi.problem;

import java.util.List;
import java.util.Map;

/** The request body is well-formed JSON but breaks the catalog's rules; every bad field is listed at once. */
public class ValidationFailedException extends ApiProblemException {

    private final List<FieldViolation> violations;

    public ValidationFailedException(List<FieldViolation> violations) {
        super(ProblemType.VALIDATION_FAILED, "The request has " + violations.size() + " invalid field(s)");
        this.violations = List.copyOf(violations);
    }

    /** Throws when core's {@link dev.citadel.catalog.validation.Validator} found anything. */
    public static void throwIfAny(List<dev.citadel.catalog.validation.Violation> violations) {
        if (!violations.isEmpty()) {
            throw new ValidationFailedException(
                    violations.stream().map(v -> new FieldViolation(v.field(), v.message())).toList());
        }
    }

    public List<FieldViolation> violations() {
        return violations;
    }

    @Override
    public Map<String, Object> properties() {
        return Map.of("violations", violations);
    }
}
