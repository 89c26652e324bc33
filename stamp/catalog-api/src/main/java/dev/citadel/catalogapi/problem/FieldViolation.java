package dev.citadel.catalogapi.problem;

/** One bad field of a request, listed in a validation problem's {@code violations} member. */
public record FieldViolation(String field, String message) {
}
