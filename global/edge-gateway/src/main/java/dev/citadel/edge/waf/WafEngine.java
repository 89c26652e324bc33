package dev.citadel.edge.waf;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The WAF as a pure function of the request and the current rule set: either the OWASP Core Rule Set (run by the
 * SecLang engine, optionally followed by a few of the edge's own rules where they catch what CRS lets through) or
 * the edge's own rules alone (data from {@code waf/rules.yaml}): parse the request, run every rule over its targets
 * after its transformations, add up the anomaly score and compare it with the threshold. Thread-safe: the policy
 * and the loaded rules are one immutable snapshot swapped atomically, so a mode switch, a policy change or a whole
 * reload applies to the next request without a restart and without locks on the hot path.
 */
public final class WafEngine {

    /** Prefix of an own rule's id in verdicts and logs when it runs after CRS (the ids follow CRS's layout). */
    public static final String OWN_PREFIX = "own-";

    /** Everything one inspection uses; built completely before it is published. */
    private record State(WafPolicy policy, List<WafRule> rules, CrsInspector crs, List<WafRule> own) {
        State withPolicy(WafPolicy p) {
            return new State(p, rules, crs, own);
        }
    }

    private final AtomicReference<State> state;

    WafEngine(List<WafRule> rules, WafPolicy policy) {
        this.state = new AtomicReference<>(new State(Objects.requireNonNull(policy, "policy"), List.copyOf(rules),
                null, List.of()));
    }

    private WafEngine(State initial) {
        this.state = new AtomicReference<>(initial);
    }

    /** An engine running the OWASP Core Rule Set; fails at construction if the rules or settings are invalid. */
    public static WafEngine withCrs(WafPolicy policy, CrsSettings settings) {
        return new WafEngine(new State(policy, List.of(), CrsInspector.load(settings, policy), List.of()));
    }

    /** An engine with the bundled rule set; fails at construction if the rule file is invalid. */
    public static WafEngine withDefaultRules(WafPolicy policy) {
        return new WafEngine(WafRuleLoader.loadDefault(), policy);
    }

    /** The engine a {@code waf:} section describes; fails if its rules or settings are invalid. */
    public static WafEngine from(WafConfig config) {
        return new WafEngine(load(config));
    }

    /**
     * Loads the rule set a new {@code waf:} section describes and swaps it in whole. If loading fails (bad rules,
     * a missing CRS directory, a bad exclusion) this throws and the running rules stay as they were.
     */
    public void reload(WafConfig config) {
        state.set(load(config));
    }

    private static State load(WafConfig c) {
        if (WafConfig.CRS.equals(c.engine())) {
            return new State(c.policy(), List.of(), CrsInspector.load(c.crs(), c.policy()), ownRules(c.ownRules()));
        }
        if (!c.ownRules().isEmpty()) {
            throw new IllegalArgumentException("waf.ownRules: only with engine: crs (engine: builtin runs them all)");
        }
        return new State(c.policy(), WafRuleLoader.loadDefault(), null, List.of());
    }

    /** The bundled rules of these ids, in the file's order; an unknown id is refused with the key named. */
    static List<WafRule> ownRules(List<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        List<WafRule> all = WafRuleLoader.loadDefault();
        for (String id : ids) {
            if (all.stream().noneMatch(r -> r.id().equals(id))) {
                throw new IllegalArgumentException("waf.ownRules: no bundled rule has id '" + id + "'");
            }
        }
        return all.stream().filter(r -> ids.contains(r.id())).toList();
    }

    /** {@code builtin} or {@code crs}. */
    public String engineName() {
        return state.get().crs() == null ? WafConfig.BUILTIN : WafConfig.CRS;
    }

    public WafPolicy policy() {
        return state.get().policy();
    }

    /** Replaces the policy; in-flight inspections finish with the snapshot they started with. */
    public void updatePolicy(WafPolicy newPolicy) {
        Objects.requireNonNull(newPolicy, "policy");
        State current = state.get();
        if (current.crs() != null) {
            // Threshold and exclusions are compiled into the rule set: load a new one before switching to it.
            state.set(new State(newPolicy, List.of(), CrsInspector.load(current.crs().settings(), newPolicy),
                    current.own()));
        } else {
            state.set(current.withPolicy(newPolicy));
        }
    }

    public void setMode(WafMode mode) {
        state.updateAndGet(s -> s.withPolicy(s.policy().withMode(mode)));
    }

    public int ruleCount() {
        State s = state.get();
        return s.crs() == null ? s.rules().size() : s.crs().ruleCount() + s.own().size();
    }

    /** Ids of the own rules that run after CRS (empty with {@code engine: builtin}). */
    public List<String> ownRuleIds() {
        return state.get().own().stream().map(WafRule::id).toList();
    }

    public WafVerdict inspect(WafRequest request) {
        State s = state.get();
        WafPolicy p = s.policy();
        if (request.bodyLength() > p.maxBodyBytes()) {
            return new WafVerdict(WafVerdict.Action.TOO_LARGE, 0, List.of(), newReferenceId(), false);
        }
        if (s.crs() != null) {
            WafVerdict crs = s.crs().inspect(request, p);
            if (s.own().isEmpty() || crs.action() == WafVerdict.Action.BLOCK || crs.detectionOnly()) {
                return crs;
            }
            // CRS let it through: the own rules add their points to CRS's score, under the same threshold.
            List<RuleMatch> matches = new ArrayList<>(crs.matches());
            int score = score(s.own(), RequestParser.parse(request), p, matches, crs.anomalyScore(), OWN_PREFIX);
            return verdict(p, score, matches);
        }
        List<RuleMatch> matches = new ArrayList<>(2);
        int score = score(s.rules(), RequestParser.parse(request), p, matches, 0, "");
        return verdict(p, score, matches);
    }

    private static WafVerdict verdict(WafPolicy p, int score, List<RuleMatch> matches) {
        if (score < p.inboundAnomalyThreshold()) {
            return new WafVerdict(WafVerdict.Action.ALLOW, score, matches, null, false);
        }
        boolean detectionOnly = p.mode() == WafMode.DETECTION;
        return new WafVerdict(detectionOnly ? WafVerdict.Action.ALLOW : WafVerdict.Action.BLOCK, score, matches,
                newReferenceId(), detectionOnly);
    }

    private static int score(List<WafRule> rules, ParsedRequest parsed, WafPolicy p, List<RuleMatch> matches,
                             int score, String idPrefix) {
        for (WafRule rule : rules) {
            if (!p.exclusions().isEmpty() && excludedForRequest(rule, p, parsed.path)) {
                continue;
            }
            RuleMatch match = evaluate(rule, parsed, p);
            if (match != null) {
                matches.add(idPrefix.isEmpty() ? match : new RuleMatch(idPrefix + match.ruleId(), match.category(),
                        match.severity(), match.target(), match.fragment()));
                score += rule.severity().score();
                // Under prevention the outcome is settled; skipping the remaining rules keeps attack floods cheap.
                if (p.mode() == WafMode.PREVENTION && score >= p.inboundAnomalyThreshold()) {
                    break;
                }
            }
        }
        return score;
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
