package dev.citadel.edge.waf;

/**
 * Turns one rule off, everywhere or only for paths under {@code pathPrefix} and/or only for the argument
 * (query, body or cookie) named {@code argName}. Null scope fields mean "any".
 */
public record RuleExclusion(String ruleId, String pathPrefix, String argName) {

    public RuleExclusion {
        if (ruleId == null || ruleId.isBlank()) {
            throw new IllegalArgumentException("waf.exclusions[].ruleId must not be blank");
        }
    }

    public static RuleExclusion everywhere(String ruleId) {
        return new RuleExclusion(ruleId, null, null);
    }

    /** Whether this exclusion switches the rule off for the whole request (no argument scope). */
    boolean coversRequest(String ruleId, String path) {
        return argName == null && this.ruleId.equals(ruleId) && pathMatches(path);
    }

    /** Whether this exclusion switches the rule off for one named argument. */
    boolean coversArgument(String ruleId, String path, String name) {
        return argName != null && this.ruleId.equals(ruleId) && pathMatches(path) && argName.equals(name);
    }

    private boolean pathMatches(String path) {
        return pathPrefix == null || path.startsWith(pathPrefix);
    }
}
