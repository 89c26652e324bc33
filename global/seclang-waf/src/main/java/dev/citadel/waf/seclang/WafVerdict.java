package dev.citadel.waf.seclang;

import java.util.List;

/**
 * The outcome of a request's phases 1 and 2.
 *
 * @param interrupted whether a disruptive action stopped the request (never in detection-only mode)
 * @param status HTTP status to answer with when interrupted
 * @param interruptingRuleId the rule that stopped it, else 0
 * @param matches rules that matched and log, in order
 * @param inboundAnomalyScore CRS's {@code tx.anomaly_score} after the phases ran
 * @param incomplete the regex budget ran out before every rule ran; with the engine on, the request is
 *     interrupted (status 403, {@code interruptingRuleId} -1) rather than passed half-inspected
 */
public record WafVerdict(
    boolean interrupted, int status, int interruptingRuleId, List<Match> matches, int inboundAnomalyScore,
    boolean incomplete) {

  /** A logged rule match; {@code message} and {@code data} are macro-expanded {@code msg} and {@code logdata}. */
  public record Match(int ruleId, String message, String data, String severity) {}

  public boolean matched(int ruleId) {
    return matches.stream().anyMatch(m -> m.ruleId() == ruleId);
  }
}
