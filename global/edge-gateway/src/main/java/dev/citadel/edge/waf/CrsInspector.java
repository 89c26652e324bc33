package dev.citadel.edge.waf;

import dev.citadel.waf.seclang.SecLangEngine;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the OWASP Core Rule Set through the SecLang engine. The edge's YAML becomes SecLang, the way an operator
 * would write it by hand: paranoia level, threshold, methods and content types as the setvar actions of
 * crs-setup.conf (placed after it, so the YAML wins), exclusions as CRS's documented exclusion rules (a
 * {@code ctl:} rule before CRS for a path prefix, {@code SecRuleRemoveById}/{@code SecRuleUpdateTargetById}
 * after it otherwise). The loaded engine is immutable; a policy change builds a new one and swaps it.
 */
final class CrsInspector {
    private static final Logger log = LoggerFactory.getLogger(CrsInspector.class);
    private static final Pattern RULE_IDS = Pattern.compile("\\d{1,9}(-\\d{1,9})?");
    private static final Pattern PATH_PREFIX = Pattern.compile("/[A-Za-z0-9/_.~%-]*");
    private static final Pattern ARG_NAME = Pattern.compile("[A-Za-z0-9_.\\[\\]-]+");

    private final CrsSettings settings;
    private final SecLangEngine engine;

    private CrsInspector(CrsSettings settings, SecLangEngine engine) {
        this.settings = settings;
        this.engine = engine;
    }

    /** Loads CRS for this policy; fails with a message naming the setting if the rules or the YAML are wrong. */
    static CrsInspector load(CrsSettings s, WafPolicy policy) {
        if (!Files.isDirectory(s.rulesDir())) {
            throw new IllegalArgumentException("waf.crs.rulesDir: no such directory " + s.rulesDir() + " (the OWASP"
                    + " Core Rule Set the WAF runs by default: install Debian's modsecurity-crs, point this key at a"
                    + " CRS release's rules/, or set waf.engine: builtin)");
        }
        if (!Files.isRegularFile(s.setupFile())) {
            throw new IllegalArgumentException("waf.crs.setupFile: no such file " + s.setupFile() + " (CRS's"
                    + " crs-setup.conf; Debian's modsecurity-crs installs it)");
        }
        StringBuilder before = new StringBuilder();
        StringBuilder after = new StringBuilder();
        before.append("SecAction \"id:900000,phase:1,nolog,pass,t:none,setvar:tx.paranoia_level=")
                .append(s.paranoiaLevel()).append("\"\n");
        before.append("SecAction \"id:900110,phase:1,nolog,pass,t:none,setvar:tx.inbound_anomaly_score_threshold=")
                .append(policy.inboundAnomalyThreshold()).append("\"\n");
        if (s.allowedMethods() != null) {
            before.append("SecAction \"id:900200,phase:1,nolog,pass,t:none,setvar:'tx.allowed_methods=")
                    .append(String.join(" ", s.allowedMethods())).append("'\"\n");
        }
        if (s.allowedContentTypes() != null) {
            StringBuilder types = new StringBuilder();
            for (String t : s.allowedContentTypes()) {
                types.append(types.length() == 0 ? "" : " ").append('|').append(t).append('|');
            }
            before.append("SecAction \"id:900220,phase:1,nolog,pass,t:none,setvar:'tx.allowed_request_content_type=")
                    .append(types).append("'\"\n");
        }
        int id = 1000;
        for (RuleExclusion e : policy.exclusions()) {
            String ids = e.ruleId();
            if (!RULE_IDS.matcher(ids).matches()) {
                throw new IllegalArgumentException("waf.exclusions: ruleId '" + ids + "' is not a CRS rule id or range");
            }
            if (e.argName() != null && !ARG_NAME.matcher(e.argName()).matches()) {
                throw new IllegalArgumentException("waf.exclusions: argName '" + e.argName() + "' has characters"
                        + " outside [A-Za-z0-9_.[]-]");
            }
            if (e.pathPrefix() != null) {
                if (!PATH_PREFIX.matcher(e.pathPrefix()).matches()) {
                    throw new IllegalArgumentException("waf.exclusions: pathPrefix '" + e.pathPrefix()
                            + "' must start with / and hold only path characters");
                }
                String ctl = e.argName() == null ? "ctl:ruleRemoveById=" + ids
                        : "ctl:ruleRemoveTargetById=" + ids + ";ARGS:" + e.argName()
                        + ",ctl:ruleRemoveTargetById=" + ids + ";REQUEST_COOKIES:" + e.argName();
                before.append("SecRule REQUEST_FILENAME \"@beginsWith ").append(e.pathPrefix())
                        .append("\" \"id:").append(id++).append(",phase:1,nolog,pass,t:none,").append(ctl).append("\"\n");
            } else if (e.argName() != null) {
                after.append("SecRuleUpdateTargetById ").append(ids).append(" \"!ARGS:").append(e.argName())
                        .append("|!REQUEST_COOKIES:").append(e.argName()).append("\"\n");
            } else {
                after.append("SecRuleRemoveById ").append(ids).append('\n');
            }
        }
        long t0 = System.nanoTime();
        SecLangEngine engine = SecLangEngine.builder()
                .file(s.setupFile())
                .directives(before.toString(), "waf (edge YAML)", s.rulesDir())
                .rules(s.rulesDir())
                .directives(after.toString(), "waf.exclusions (edge YAML)", s.rulesDir())
                .build();
        log.info("waf: OWASP CRS loaded from {} ({} rules, paranoia level {}, threshold {}, {} exclusions) in {} ms",
                s.rulesDir(), engine.ruleCount(), s.paranoiaLevel(), policy.inboundAnomalyThreshold(),
                policy.exclusions().size(), (System.nanoTime() - t0) / 1_000_000);
        for (String w : engine.warnings()) {
            log.info("waf: {}", w);
        }
        return new CrsInspector(s, engine);
    }

    CrsSettings settings() {
        return settings;
    }

    int ruleCount() {
        return engine.ruleCount();
    }

    WafVerdict inspect(WafRequest request, WafPolicy policy) {
        dev.citadel.waf.seclang.WafVerdict v = engine.evaluate(new dev.citadel.waf.seclang.WafRequest(
                request.method(), request.uri(), "HTTP/1.1", request.headers(), request.body(),
                request.clientAddress()));
        List<RuleMatch> matches = new ArrayList<>(v.matches().size());
        for (dev.citadel.waf.seclang.WafVerdict.Match m : v.matches()) {
            matches.add(new RuleMatch(Integer.toString(m.ruleId()), RuleMatch.printable(m.message()),
                    severity(m.severity()), "crs", RuleMatch.printable(m.data() == null ? "" : m.data())));
        }
        if (v.incomplete()) {
            // The regex budget ran out: the request was not completely inspected, so it is refused (detection
            // mode passes it, logged), like a body over the inspection limit.
            matches.add(new RuleMatch("inspection-incomplete", "regex budget spent", Severity.CRITICAL, "crs", ""));
        }
        if (!v.interrupted()) {
            return new WafVerdict(WafVerdict.Action.ALLOW, v.inboundAnomalyScore(), matches, null, false);
        }
        boolean detectionOnly = policy.mode() == WafMode.DETECTION;
        return new WafVerdict(detectionOnly ? WafVerdict.Action.ALLOW : WafVerdict.Action.BLOCK,
                v.inboundAnomalyScore(), matches, String.format("%016x", ThreadLocalRandom.current().nextLong()),
                detectionOnly);
    }

    private static Severity severity(String s) {
        if (s == null) {
            return Severity.NOTICE;
        }
        return switch (s.toUpperCase(Locale.ROOT)) {
            case "CRITICAL", "EMERGENCY", "ALERT", "0", "1", "2" -> Severity.CRITICAL;
            case "ERROR", "3" -> Severity.ERROR;
            case "WARNING", "4" -> Severity.WARNING;
            default -> Severity.NOTICE;
        };
    }
}
