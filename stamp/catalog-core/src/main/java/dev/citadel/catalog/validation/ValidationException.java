package dev.citadel.catalog.validation;

import java.util.List;

/**
 * Input broke the contract; the API answers 400 problem+json listing {@link #violations()}.
 * Not a {@link dev.citadel.catalog.error.CitadelException}: it is the caller's fault, retrying cannot help,
 * and it never comes from a dependency.
 */
public final class ValidationException extends RuntimeException {

  private final transient List<Violation> violations;

  public ValidationException(List<Violation> violations) {
    super(summary(violations));
    this.violations = List.copyOf(violations);
  }

  public ValidationException(String field, String message) {
    this(List.of(new Violation(field, message)));
  }

  public List<Violation> violations() {
    return violations;
  }

  private static String summary(List<Violation> violations) {
    StringBuilder sb = new StringBuilder("invalid input:");
    for (Violation v : violations) {
      sb.append(' ').append(v.field()).append(" (").append(v.message()).append(')');
    }
    return sb.toString();
  }
}
