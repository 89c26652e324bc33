package dev.citadel.edge.waf;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The WAF as a pure function of the request and the current policy: parse the request into targets, run every
 * rule (data from {@code waf/rules.yaml}) over its targets after its transformations, add up the anomaly score,
 * and compare it with the threshold. Thread-safe; the policy is an immutable snapshot swapped atomically, so a
 * mode or exclusion change applies to the next request without a restart and without locks on the hot path.
 */
public final class WafEngine {

    private final List<WafRule> rules;
    private final AtomicReference<WafPolicy> policy;
    /** Set when the engine runs the OWASP CRS instead of the bundled rules; replaced whole on a policy change. */
    private final AtomicReference<CrsInspector> crs;

    WafEngine(List<WafRule> rules, WafPolicy policy) {
        this.rules = List.copyOf(rules);
        this.policy = new AtomicReference<>(Objects.requireNonNull(policy, "policy"));
        this.crs = new AtomicReference<>();
    }

    private WafEngine(CrsInspector inspector, WafPolicy policy) {
        this.rules = List.of();
        this.policy = new AtomicReference<>(Objects.requireNonNull(policy, "policy"));
        this.crs = new AtomicReference<>(inspector);
    }

    /** An engine running the OWASP Core Rule Set; fails at construction if the rules or settings are invalid. */
    public static WafEngine withCrs(WafPolicy policy, CrsSettings settings) {
        return new WafEngine(CrsInspector.load(settings, policy), policy);
    }

    /** {@code builtin} or {@code crs}. */
    public String engineName() {
        return crs.get() == null ? WafConfig.BUILTIN : WafConfig.CRS;
    }

    /** An engine with the bundled rule set; fails at construction if the rule file is invalid. */
    public static WafEngine withDefaultRules(WafPolicy policy) {
        return new WafEngine(WafRuleLoader.loadDefault(), policy);
    }

    public WafPolicy policy() {
        return policy.get();
    }

    /** Replaces the policy; in-flight inspections finish with the snapshot they started with. */
    public void updatePolicy(WafPolicy newPolicy) {
        Objects.requireNonNull(newPolicy, "policy");
        CrsInspector current = crs.get();
        if (current != null) {
            // Threshold and exclusions are compiled into the rule set: load a new one before switching to it.
            crs.set(CrsInspector.load(current.settings(), newPolicy));
        }
        policy.set(newPolicy);
    }

    public void setMode(WafMode mode) {
        policy.updateAndGet(p -> p.withMode(mode));
    }

    public int ruleCount() {
        CrsInspector c = crs.get();
        return c == null ? rules.size() : c.ruleCount();
    }

    public WafVerdict inspect(WafRequest request) {
        WafPolicy p = policy.get();
        if (request.bodyLength() > p.maxBodyBytes()) {
            return new WafVerdict(WafVerdict.Action.TOO_LARGE, 0, List.of(), newReferenceId(), false);
        }
        CrsInspector c = crs.get();
        if (c != null) {
            return c.inspect(request, p);
        }
        ParsedRequest parsed = RequestParser.parse(request);
        List<RuleMatch> matches = new ArrayList<>(2);
        int score = 0;
        for (WafRule rule : rules) {
            if (!p.exclusions().isEmpty() && excludedForRequest(rule, p, parsed.path)) {
                continue;
            }
            RuleMatch match = evaluate(rule, parsed, p);
            if (match != null) {
                matches.add(match);
                score += rule.severity().score();
                // Under prevention the outcome is settled; skipping the remaining rules keeps attack floods cheap.
                if (p.mode() == WafMode.PREVENTION && score >= p.inboundAnomalyThreshold()) {
                    break;
                }
            }
        }
        if (score < p.inboundAnomalyThreshold()) {
            return new WafVerdict(WafVerdict.Action.ALLOW, score, matches, null, false);
        }
        boolean detectionOnly = p.mode() == WafMode.DETECTION;
        return new WafVerdict(detectionOnly ? WafVerdict.Action.ALLOW : WafVerdict.Action.BLOCK, score, matches,
                newReferenceId(), detectionOnly);
    }

    private static RuleMatch evaluate(WafRule rule, ParsedRequest parsed, WafPolicy p) {
        boolean anyExclusions = !p.exclusions().isEmpty();
        for (Target target : rule.targets()) {
            for (InspectedValue value : parsed.values(target)) {
                if (anyExclusions && target.isArgument() && excludedForArgument(rule, p, parsed.path, value.name())) {
                    continue;
                }
                String transformed = value.transformed(rule.transformations());
                if (!rule.mayMatch(transformed)) {
                    continue;
                }
                String fragment = rule.operator().match(transformed);
                if (rule.negate() ? fragment == null : fragment != null) {
                    String where = value.name() == null ? target.toString() : target + ":" + value.name();
                    String shown = fragment == null ? value.text() : fragment;
                    return new RuleMatch(rule.id(), rule.category(), rule.severity(), RuleMatch.printable(where),
                            RuleMatch.printable(shown));
                }
            }
        }
        return null;
    }

    private static boolean excludedForRequest(WafRule rule, WafPolicy p, String path) {
        for (RuleExclusion e : p.exclusions()) {
            if (e.coversRequest(rule.id(), path)) {
                return true;
            }
        }
        return false;
    }

    private static boolean excludedForArgument(WafRule rule, WafPolicy p, String path, String name) {
        for (RuleExclusion e : p.exclusions()) {
            if (e.coversArgument(rule.id(), path, name)) {
                return true;
            }
        }
        return false;
    }

    /** Not a secret: it only joins a client's error page to a log line, so a fast non-crypto random suffices. */
    private static String newReferenceId() {
        return String.format("%016x", ThreadLocalRandom.current().nextLong());
    }
}
