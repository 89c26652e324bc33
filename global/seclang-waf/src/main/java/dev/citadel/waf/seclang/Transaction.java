package dev.citadel.waf.seclang;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One request's mutable state: its variables, TX, matches and per-request ctl changes. Never shared. */
public final class Transaction {

  /** One value of a variable; {@code key} is null for scalar variables. */
  record Var(String collection, String key, String value) {
    String name() {
      return key == null ? collection : collection + ":" + key;
    }
  }

  private static final Pattern MACRO = Pattern.compile("%\\{([^}]+)\\}");

  /** Thrown inside a regex search when the request's regex budget is spent; the search is abandoned. */
  static final class RegexBudgetExceeded extends RuntimeException {
    RegexBudgetExceeded() {
      super(null, null, false, false);
    }
  }

  /**
   * java.util.regex has no match limit (PCRE's SecPcreMatchLimit): every character a regex reads is counted
   * against the request's budget, so a crafted or merely large value cannot hold an event loop for seconds.
   */
  private final class Budgeted implements CharSequence {
    private final String s;

    Budgeted(String s) {
      this.s = s;
    }

    @Override
    public char charAt(int index) {
      if (--regexBudget < 0) {
        budgetExceeded = true;
        throw new RegexBudgetExceeded();
      }
      return s.charAt(index);
    }

    @Override
    public int length() {
      return s.length();
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      return s.substring(start, end);
    }

    @Override
    public String toString() {
      return s;
    }
  }

  private long regexBudget;
  boolean budgetExceeded;

  CharSequence budgeted(String s) {
    return new Budgeted(s);
  }

  private final SecLangEngine engine;
  private final Map<String, List<Var>> collections = new HashMap<>();
  private final Map<String, String> scalars = new HashMap<>();
  private final Map<String, Map<String, String>> persistent = new HashMap<>();
  private final Map<String, String> txVars = new LinkedHashMap<>();
  private final List<WafVerdict.Match> matches = new ArrayList<>();
  private final Set<Integer> removedIds = new HashSet<>();
  private final List<int[]> removedRanges = new ArrayList<>();
  private final Set<String> removedTags = new HashSet<>();
  private final Map<Integer, List<Target>> removedTargetsById = new HashMap<>();
  private final Map<String, List<Target>> removedTargetsByTag = new HashMap<>();
  private List<Var> matchedVars = new ArrayList<>();
  private Var matchedVar;
  private boolean capturing;
  private Rule currentRule;
  String ruleEngine;
  String bodyProcessor;
  boolean bodyAccess = true;
  boolean forceBodyVariable;
  private long combinedArgsSize;
  private long filesSize;

  Transaction(SecLangEngine engine, WafRequest req, String ruleEngine) {
    this.engine = engine;
    this.ruleEngine = ruleEngine;
    this.regexBudget = engine.regexBudget();
    String uriRaw = req.uri();
    String uri = uriRaw;
    int scheme = uri.indexOf("://");
    if (scheme > 0 && scheme < 10 && uri.indexOf('/') > scheme) {
      int slash = uri.indexOf('/', scheme + 3);
      uri = slash < 0 ? "/" : uri.substring(slash);
    }
    int q = uri.indexOf('?');
    String path = q < 0 ? uri : uri.substring(0, q);
    String query = q < 0 ? "" : uri.substring(q + 1);
    int frag = path.indexOf('#');
    if (frag >= 0) {
      path = path.substring(0, frag);
    }
    scalars.put("REQUEST_METHOD", req.method());
    scalars.put("REQUEST_PROTOCOL", req.protocol());
    scalars.put("REQUEST_URI_RAW", uriRaw);
    scalars.put("REQUEST_URI", uri);
    // libmodsecurity percent-decodes the path for REQUEST_FILENAME/REQUEST_BASENAME (not '+', which is a path char).
    path = Transformations.urlDecode(path.replace("+", "%2b"), false);
    scalars.put("REQUEST_FILENAME", path);
    int lastSlash = path.lastIndexOf('/');
    scalars.put("REQUEST_BASENAME", lastSlash < 0 ? path : path.substring(lastSlash + 1));
    scalars.put("QUERY_STRING", query);
    scalars.put("REQUEST_LINE", req.method() + " " + uriRaw + " " + req.protocol());
    scalars.put("REMOTE_ADDR", req.remoteAddr());
    scalars.put("REMOTE_HOST", req.remoteAddr());
    scalars.put("UNIQUE_ID", Long.toHexString(ThreadLocalRandom.current().nextLong()));
    scalars.put("REQBODY_ERROR", "0");
    scalars.put("REQBODY_PROCESSOR_ERROR", "0");
    scalars.put("MULTIPART_STRICT_ERROR", "0");
    scalars.put("MULTIPART_UNMATCHED_BOUNDARY", "0");
    scalars.put("DURATION", "0");
    scalars.put("REQUEST_BODY_LENGTH", Integer.toString(req.body().length));
    scalars.put("SERVER_NAME", hostOnly(req.header("Host")));
    for (Map.Entry<String, String> h : req.headers()) {
      addEntry("REQUEST_HEADERS", h.getKey(), h.getValue());
      addEntry("REQUEST_HEADERS_NAMES", h.getKey(), h.getKey());
      if (h.getKey().equalsIgnoreCase("Cookie")) {
        cookies(h.getValue());
      }
    }
    BodyProcessors.urlEncoded(query, this, "ARGS_GET");
  }

  private static String hostOnly(String host) {
    if (host == null) {
      return "";
    }
    int c = host.lastIndexOf(':');
    return c > 0 && host.indexOf(']') < c ? host.substring(0, c) : host;
  }

  private void cookies(String header) {
    for (String c : header.split(";")) {
      String t = c.strip();
      if (t.isEmpty()) {
        continue;
      }
      int eq = t.indexOf('=');
      String name = eq < 0 ? t : t.substring(0, eq);
      String value = eq < 0 ? "" : t.substring(eq + 1);
      addEntry("REQUEST_COOKIES", name, value);
      addEntry("REQUEST_COOKIES_NAMES", name, name);
    }
  }

  // ---- collections ------------------------------------------------------------------------------------------

  void addEntry(String collection, String key, String value) {
    collections.computeIfAbsent(collection, k -> new ArrayList<>()).add(new Var(collection, key, value));
  }

  void addArg(String collection, String name, String value) {
    addEntry(collection, name, value);
    addEntry(collection + "_NAMES", name, name);
    addEntry("ARGS", name, value);
    addEntry("ARGS_NAMES", name, name);
    combinedArgsSize += name.length() + value.length();
  }

  void addFileBytes(long n) {
    filesSize += n;
  }

  void bodyError(String msg) {
    scalars.put("REQBODY_ERROR", "1");
    scalars.put("REQBODY_PROCESSOR_ERROR", "1");
    scalars.put("REQBODY_ERROR_MSG", msg);
  }

  void multipartError(String msg) {
    bodyError(msg);
    scalars.put("MULTIPART_STRICT_ERROR", "1");
  }

  void processBody(WafRequest req) {
    byte[] body = req.body();
    String contentType = req.header("Content-Type");
    String proc = bodyProcessor;
    if (proc == null && contentType != null) {
      String ct = contentType.toLowerCase(Locale.ROOT);
      if (ct.startsWith("application/x-www-form-urlencoded")) {
        proc = "URLENCODED";
      } else if (ct.startsWith("multipart/form-data")) {
        proc = "MULTIPART";
      } else if (engine.jsonByContentType() && (ct.startsWith("application/json") || ct.contains("+json"))) {
        proc = "JSON";
      } else if (ct.startsWith("text/xml") || ct.startsWith("application/xml") || ct.contains("+xml")) {
        proc = "XML";
      }
    }
    String text = new String(body, StandardCharsets.ISO_8859_1);
    if (proc != null) {
      scalars.put("REQBODY_PROCESSOR", proc);
    }
    if (!bodyAccess) {
      return;
    }
    // ModSecurity fills REQUEST_BODY for URL-encoded bodies, bodies no processor took, or when a rule forces it.
    if (body.length > 0 && (proc == null || "URLENCODED".equals(proc) || forceBodyVariable)) {
      scalars.put("REQUEST_BODY", text);
    }
    if (proc == null || body.length == 0) {
      return;
    }
    switch (proc) {
      case "URLENCODED" -> BodyProcessors.urlEncoded(text, this, "ARGS_POST");
      case "MULTIPART" -> BodyProcessors.multipart(text, contentType == null ? "" : contentType, this);
      case "JSON" -> BodyProcessors.json(body, this);
      case "XML" -> BodyProcessors.xml(body, this);
      default -> {
      }
    }
  }

  /** The values a target selects, before exclusions. */
  List<Var> values(Target t) {
    String c = t.collection();
    if (t.key() != null && ("TX".equals(c) || persistent.containsKey(c))) {
      Map<String, String> m = "TX".equals(c) ? txVars : persistent.get(c);
      String v = m.get(t.key().toLowerCase(Locale.ROOT));
      return v == null ? List.of() : List.of(new Var(c, t.key(), v));
    }
    List<Var> all;
    switch (c) {
      case "TX" -> all = mapVars("TX", txVars);
      case "MATCHED_VAR" -> all = matchedVar == null ? List.of() : List.of(new Var("MATCHED_VAR", null, matchedVar.value()));
      case "MATCHED_VAR_NAME" -> all = matchedVar == null ? List.of() : List.of(new Var("MATCHED_VAR_NAME", null, matchedVar.name()));
      case "MATCHED_VARS" -> {
        all = new ArrayList<>();
        for (Var v : matchedVars) {
          all.add(new Var("MATCHED_VARS", v.name(), v.value()));
        }
      }
      case "MATCHED_VARS_NAMES" -> {
        all = new ArrayList<>();
        for (Var v : matchedVars) {
          all.add(new Var("MATCHED_VARS_NAMES", v.name(), v.name()));
        }
      }
      case "ARGS_COMBINED_SIZE" -> all = List.of(new Var(c, null, Long.toString(combinedArgsSize)));
      case "FILES_COMBINED_SIZE" -> all = List.of(new Var(c, null, Long.toString(filesSize)));
      case "IP", "GLOBAL", "SESSION", "USER", "RESOURCE" -> all = mapVars(c, persistent.getOrDefault(c, Map.of()));
      default -> {
        List<Var> coll = collections.get(c);
        if (coll != null) {
          all = coll;
        } else {
          String s = scalars.get(c);
          all = s == null ? List.of() : List.of(new Var(c, null, s));
        }
      }
    }
    if (t.key() == null && t.keyPattern() == null) {
      return all;
    }
    List<Var> out = new ArrayList<>();
    for (Var v : all) {
      if (v.key() != null && t.selects(v.key())) {
        out.add(v);
      }
    }
    return out;
  }

  private static List<Var> mapVars(String coll, Map<String, String> m) {
    List<Var> out = new ArrayList<>(m.size());
    for (Map.Entry<String, String> e : m.entrySet()) {
      out.add(new Var(coll, e.getKey(), e.getValue()));
    }
    return out;
  }

  // ---- TX, macros, captures ---------------------------------------------------------------------------------

  public String tx(String name) {
    return txVars.get(name.toLowerCase(Locale.ROOT));
  }

  boolean capturing() {
    return capturing;
  }

  void capture(int group, String value) {
    txVars.put(Integer.toString(group), value);
  }

  InjectionDetector injectionDetector() {
    return engine.injectionDetector();
  }

  /** Expands {@code %{tx.name}}, {@code %{MATCHED_VAR}}, {@code %{request_headers.host}}, {@code %{rule.id}}. */
  String expand(String s) {
    if (s == null || s.indexOf("%{") < 0) {
      return s;
    }
    Matcher m = MACRO.matcher(s);
    StringBuilder b = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(b, Matcher.quoteReplacement(resolve(m.group(1))));
    }
    m.appendTail(b);
    return b.toString();
  }

  private String resolve(String ref) {
    int dot = ref.indexOf('.');
    String coll = (dot < 0 ? ref : ref.substring(0, dot)).toUpperCase(Locale.ROOT);
    String key = dot < 0 ? null : ref.substring(dot + 1);
    if (coll.equals("RULE") && currentRule != null) {
      Actions a = currentRule.actions();
      return switch (key.toLowerCase(Locale.ROOT)) {
        case "id" -> Integer.toString(currentRule.id());
        case "msg" -> a.msg() == null ? "" : expand(a.msg());
        case "severity" -> a.severity() == null ? "" : a.severity();
        case "logdata" -> a.logdata() == null ? "" : expand(a.logdata());
        default -> "";
      };
    }
    List<Var> v = values(new Target(coll, key, null, false, false));
    return v.isEmpty() ? "" : v.get(0).value();
  }

  private void setvar(Actions.SetVar sv) {
    String key = expand(sv.key()).toLowerCase(Locale.ROOT);
    Map<String, String> target = sv.collection().equals("TX") ? txVars
        : persistent.computeIfAbsent(sv.collection(), k -> new LinkedHashMap<>());
    if (sv.delete()) {
      target.remove(key);
      return;
    }
    String value = expand(sv.value());
    if (sv.op() == '=') {
      target.put(key, value);
    } else {
      long cur = Operators.toNumber(target.getOrDefault(key, "0"));
      long d = Operators.toNumber(value);
      target.put(key, Long.toString(sv.op() == '+' ? cur + d : cur - d));
    }
  }

  // ---- ctl ----------------------------------------------------------------------------------------------------

  private void ctl(Actions.Ctl c) {
    String v = expand(c.value());
    switch (c.name().toLowerCase(Locale.ROOT)) {
      case "ruleremovebyid" -> {
        for (String part : v.split("[\\s,]+")) {
          int dash = part.indexOf('-', 1);
          if (dash > 0) {
            removedRanges.add(new int[] {Integer.parseInt(part.substring(0, dash)), Integer.parseInt(part.substring(dash + 1))});
          } else if (!part.isEmpty()) {
            removedIds.add(Integer.parseInt(part));
          }
        }
      }
      case "ruleremovebytag" -> removedTags.add(v);
      case "ruleremovetargetbyid" -> {
        int semi = v.indexOf(';');
        String ids = v.substring(0, semi);
        Target t = SecLangParser.target(v.substring(semi + 1));
        int dash = ids.indexOf('-', 1);
        if (dash > 0) {
          int lo = Integer.parseInt(ids.substring(0, dash));
          int hi = Integer.parseInt(ids.substring(dash + 1));
          for (int id : engine.ruleIds()) {
            if (id >= lo && id <= hi) {
              removedTargetsById.computeIfAbsent(id, k -> new ArrayList<>()).add(t);
            }
          }
        } else {
          removedTargetsById.computeIfAbsent(Integer.parseInt(ids.strip()), k -> new ArrayList<>()).add(t);
        }
      }
      case "ruleremovetargetbytag" -> {
        int semi = v.indexOf(';');
        removedTargetsByTag.computeIfAbsent(v.substring(0, semi), k -> new ArrayList<>())
            .add(SecLangParser.target(v.substring(semi + 1)));
      }
      case "ruleengine" -> ruleEngine = v.toLowerCase(Locale.ROOT);
      case "requestbodyprocessor" -> bodyProcessor = v.toUpperCase(Locale.ROOT);
      case "requestbodyaccess" -> bodyAccess = v.equalsIgnoreCase("on");
      case "forcerequestbodyvariable" -> forceBodyVariable = v.equalsIgnoreCase("on");
      default -> {
        // auditEngine, auditLogParts, requestBodyLimit: the edge has no audit log and applies its own body limit
        // before the WAF sees the request.
      }
    }
  }

  boolean removed(Rule r) {
    if (removedIds.isEmpty() && removedRanges.isEmpty() && removedTags.isEmpty()) {
      return false;
    }
    if (removedIds.contains(r.id())) {
      return true;
    }
    for (int[] range : removedRanges) {
      if (r.id() >= range[0] && r.id() <= range[1]) {
        return true;
      }
    }
    if (!removedTags.isEmpty()) {
      for (String tag : r.tags()) {
        for (String rt : removedTags) {
          if (tag.equalsIgnoreCase(rt) || Pattern.compile(rt).matcher(tag).find()) {
            return true;
          }
        }
      }
    }
    return false;
  }

  // ---- evaluation ---------------------------------------------------------------------------------------------

  /** Runs one phase; returns true when a disruptive action stopped the request (or allow ended inspection). */
  boolean runPhase(List<Rule> rules, Map<String, Integer> markerIndex) {
    int skip = 0;
    for (int i = 0; i < rules.size(); i++) {
      Rule r = rules.get(i);
      if (r.isMarker()) {
        continue;
      }
      if (skip > 0) {
        skip--;
        continue;
      }
      if (removed(r) || "off".equals(ruleEngine)) {
        continue;
      }
      boolean matched = evalChain(r, r);
      if (budgetExceeded) {
        // The request could not be inspected completely: stop, and let the verdict say so (fail closed).
        if ("on".equals(ruleEngine)) {
          interruptStatus = 403;
          interruptRule = -1;
        }
        return true;
      }
      if (!matched) {
        continue;
      }
      Actions a = r.actions();
      currentRule = r;
      if (Boolean.TRUE.equals(a.log())) {
        matches.add(new WafVerdict.Match(r.id(), a.msg() == null ? "" : expand(a.msg()),
            a.logdata() == null ? "" : expand(a.logdata()), a.severity()));
      }
      String d = a.disruptive();
      if (("deny".equals(d) || "drop".equals(d) || "redirect".equals(d)) && "on".equals(ruleEngine)) {
        interruptStatus = a.status() == 0 ? 403 : a.status();
        interruptRule = r.id();
        return true;
      }
      if ("allow".equals(d)) {
        return true;
      }
      if (a.skipAfter() != null) {
        Integer to = markerIndex.get(a.skipAfter());
        if (to != null && to > i) {
          i = to;
        }
      } else if (a.skip() > 0) {
        skip = a.skip();
      }
    }
    return false;
  }

  int interruptStatus;
  int interruptRule;

  private boolean evalChain(Rule head, Rule r) {
    for (Rule link = r; link != null; link = link.chained()) {
      if (!evalRule(head, link)) {
        return false;
      }
    }
    return true;
  }

  private boolean evalRule(Rule head, Rule r) {
    currentRule = head;
    Operators.Operator op = r.operator();
    if (op == null) {
      runNonDisruptive(r);
      return true;
    }
    List<Var> vars = targetValues(head, r);
    capturing = r.actions().capture();
    List<Var> newMatched = new ArrayList<>();
    boolean any = false;
    for (Var v : vars) {
      String value = v.value();
      boolean hit;
      if (r.actions().multiMatch()) {
        hit = op.matches(this, value) != op.negated();
        for (Transformations.Transform t : r.transforms()) {
          if (hit) {
            break;
          }
          String nv = t.apply(value);
          if (!nv.equals(value)) {
            value = nv;
            hit = op.matches(this, value) != op.negated();
          }
        }
      } else {
        value = transformed(r.transforms(), value);
        hit = op.matches(this, value) != op.negated();
      }
      if (hit) {
        // As ModSecurity does, non-disruptive actions run once per matching value, so setvar sees each capture.
        if (!any) {
          matchedVars = newMatched;
        }
        any = true;
        Var m = new Var(v.collection(), v.key(), value);
        newMatched.add(m);
        matchedVar = m;
        runNonDisruptive(r);
      }
    }
    capturing = false;
    return any;
  }

  /** Pipeline outputs of this request, keyed by the loader's shared pipeline list (identity) and the input. */
  private final Map<List<Transformations.Transform>, Map<String, String>> transformCache = new java.util.IdentityHashMap<>();

  private String transformed(List<Transformations.Transform> pipeline, String value) {
    if (pipeline.isEmpty()) {
      return value;
    }
    Map<String, String> byValue = transformCache.computeIfAbsent(pipeline, k -> new HashMap<>());
    String cached = byValue.get(value);
    if (cached != null) {
      return cached;
    }
    String out = value;
    for (Transformations.Transform t : pipeline) {
      out = t.apply(out);
    }
    byValue.put(value, out);
    return out;
  }

  private void runNonDisruptive(Rule r) {
    for (Actions.SetVar sv : r.actions().setvars()) {
      setvar(sv);
    }
    for (Actions.Ctl c : r.actions().ctls()) {
      ctl(c);
    }
  }

  /** The rule's target values, with its own and ctl-given exclusions applied; counts for {@code &} targets. */
  private List<Var> targetValues(Rule head, Rule r) {
    List<Target> targets = r.targets();
    if (targets.size() == 1 && !targets.get(0).count() && !targets.get(0).exclude()
        && (r != head || (removedTargetsById.isEmpty() && removedTargetsByTag.isEmpty()))) {
      return values(targets.get(0));
    }
    List<Target> excl = new ArrayList<>();
    for (Target t : targets) {
      if (t.exclude()) {
        excl.add(t);
      }
    }
    if (r == head) {
      List<Target> byId = removedTargetsById.get(head.id());
      if (byId != null) {
        excl.addAll(byId);
      }
      if (!removedTargetsByTag.isEmpty()) {
        for (Map.Entry<String, List<Target>> e : removedTargetsByTag.entrySet()) {
          for (String tag : head.tags()) {
            if (tag.equalsIgnoreCase(e.getKey()) || Pattern.compile(e.getKey()).matcher(tag).find()) {
              excl.addAll(e.getValue());
              break;
            }
          }
        }
      }
    }
    List<Var> out = new ArrayList<>();
    for (Target t : r.targets()) {
      if (t.exclude()) {
        continue;
      }
      List<Var> vs = values(t);
      if (!excl.isEmpty()) {
        List<Var> kept = new ArrayList<>(vs.size());
        for (Var v : vs) {
          if (!excluded(v, excl)) {
            kept.add(v);
          }
        }
        vs = kept;
      }
      if (t.count()) {
        out.add(new Var(t.collection(), t.key(), Integer.toString(vs.size())));
      } else {
        out.addAll(vs);
      }
    }
    return out;
  }

  private static boolean excluded(Var v, List<Target> excl) {
    for (Target e : excl) {
      if (e.collection().equals(v.collection())) {
        if (e.key() == null && e.keyPattern() == null) {
          return true;
        }
        if (v.key() != null && e.selects(v.key())) {
          return true;
        }
      }
    }
    return false;
  }

  WafVerdict verdict(boolean interrupted) {
    return new WafVerdict(interrupted && interruptRule != 0, interruptStatus, interruptRule, List.copyOf(matches),
        (int) Operators.toNumber(txVars.getOrDefault("anomaly_score", "0")), budgetExceeded);
  }
}
