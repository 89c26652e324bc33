package dev.citadel.waf.seclang;

import java.util.List;
import java.util.Set;

/**
 * A compiled rule (or one link of a chain). Immutable after load, so one rule set serves every event loop.
 *
 * @param id rule id (0 for chain links and markers)
 * @param phase 1..5
 * @param targets variables (exclusions included, with {@link Target#exclude()})
 * @param operator compiled operator, null for SecAction / SecMarker
 * @param transforms transformation pipeline applied to each value
 * @param actions everything that runs when the rule (the whole chain, for chain starters) matches
 * @param chained next link of the chain, or null
 * @param marker name of a SecMarker, else null
 */
public record Rule(
    int id,
    int phase,
    List<Target> targets,
    Operators.Operator operator,
    List<Transformations.Transform> transforms,
    Actions actions,
    Rule chained,
    String marker) {

  boolean isMarker() {
    return marker != null;
  }

  Rule withTargets(List<Target> newTargets) {
    return new Rule(id, phase, List.copyOf(newTargets), operator, transforms, actions, chained, marker);
  }

  Set<String> tags() {
    return actions.tags();
  }

  /** Whether this rule's operator is one that needs an {@link InjectionDetector}, anywhere in its chain. */
  boolean needsInjectionDetector() {
    for (Rule r = this; r != null; r = r.chained()) {
      if (r.operator() != null && r.operator().needsInjectionDetector()) {
        return true;
      }
    }
    return false;
  }
}
