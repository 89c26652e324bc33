package dev.citadel.catalog.validation;

/**
 * One bad field. The API turns a list of these into a 400 problem+json ({@code errors} property).
 *
 * @param field   the JSON property name, e.g. {@code name} or {@code price}
 * @param message human-readable reason, safe to show to a client (never echoes the rejected value)
 */
public record Violation(String field, String message) {}
