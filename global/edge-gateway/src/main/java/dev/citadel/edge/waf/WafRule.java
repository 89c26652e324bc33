package dev.citadel.edge.waf;

import java.util.List;

/**
 * One detection rule, loaded from data ({@code waf/rules.yaml}). With {@code negate} the rule fires when the
 * operator does NOT match (e.g. a method outside the allowed list). {@code prefilter} lists literal substrings
 * of which the transformed value must contain at least one before the operator runs (ModSecurity's "fast
 * pattern" idea): most benign values contain none, so most regexes never run. Empty means no prefilter.
 */
record WafRule(String id, String category, String message, Severity severity, List<Target> targets,
               List<Transformation> transformations, Operator operator, boolean negate, List<String> prefilter) {

    WafRule {
        targets = List.copyOf(targets);
        transformations = List.copyOf(transformations);
        prefilter = List.copyOf(prefilter);
        if (negate && !prefilter.isEmpty()) {
            throw new IllegalArgumentException("a negated rule cannot have a prefilter");
        }
    }

    /** Whether the operator needs to run on this (transformed) value at all. */
    boolean mayMatch(String value) {
        if (prefilter.isEmpty()) {
            return true;
        }
        for (String literal : prefilter) {
            if (value.contains(literal)) {
                return true;
            }
        }
        return false;
    }
}
