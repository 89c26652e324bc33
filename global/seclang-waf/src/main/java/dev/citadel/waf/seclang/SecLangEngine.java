package dev.citadel.waf.seclang;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A loaded rule set, ready to evaluate requests (phases 1 and 2). Immutable and thread-safe: build it once, share it
 * across event loops; each {@link #evaluate} call works on its own {@link Transaction}.
 */
public final class SecLangEngine {
  private final List<List<Rule>> phases; // index 1..5
  private final List<Map<String, Integer>> markers;
  private final InjectionDetector detector;
  private final String ruleEngine;
  private final boolean jsonByContentType;
  private final long regexBudget;
  private final List<String> warnings;
  private final int[] ruleIds;
  private final Map<Integer, Rule> byId;

  private SecLangEngine(Loader l, InjectionDetector detector, boolean jsonByContentType, long regexBudget) {
    this.detector = detector;
    this.regexBudget = regexBudget;
    this.jsonByContentType = jsonByContentType;
    this.ruleEngine = l.ruleEngine;
    List<List<Rule>> p = new ArrayList<>();
    List<Map<String, Integer>> m = new ArrayList<>();
    Map<Integer, Rule> ids = new HashMap<>();
    for (int i = 0; i <= 5; i++) {
      List<Rule> rules = List.copyOf(l.phases.get(i));
      p.add(rules);
      Map<String, Integer> idx = new HashMap<>();
      for (int k = 0; k < rules.size(); k++) {
        Rule r = rules.get(k);
        if (r.isMarker()) {
          idx.putIfAbsent(r.marker(), k);
        } else if (r.id() != 0) {
          idx.putIfAbsent(Integer.toString(r.id()), k);
          ids.put(r.id(), r);
        }
      }
      m.add(Map.copyOf(idx));
    }
    this.phases = List.copyOf(p);
    this.markers = List.copyOf(m);
    this.byId = Map.copyOf(ids);
    this.ruleIds = ids.keySet().stream().mapToInt(Integer::intValue).sorted().toArray();
    List<String> w = new ArrayList<>(l.warnings);
    if (detector == null) {
      ids.values().stream().filter(Rule::needsInjectionDetector).map(Rule::id).sorted()
          .forEach(id -> w.add("rule " + id + " uses @detectSQLi/@detectXSS and no InjectionDetector was given: it never matches"));
    }
    this.warnings = List.copyOf(w);
  }

  /** About 0.1-0.3 s of regex work; an ordinary request reads well under a million characters. */
  public static final long DEFAULT_REGEX_BUDGET = 20_000_000L;

  long regexBudget() {
    return regexBudget;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Loads configuration files and directive texts in the order given. */
  public static final class Builder {
    private final List<Object[]> sources = new ArrayList<>();
    private InjectionDetector detector = LibinjectionDetector.INSTANCE;
    private boolean jsonByContentType = true;
    private String ruleEngine = "on";
    private long regexBudget = DEFAULT_REGEX_BUDGET;

    /** Directives as text; {@code baseDir} resolves {@code @pmFromFile} data files. */
    public Builder directives(String text, String name, Path baseDir) {
      sources.add(new Object[] {text, name, baseDir});
      return this;
    }

    public Builder file(Path file) {
      try {
        return directives(Files.readString(file, StandardCharsets.ISO_8859_1), file.toString(), file.getParent());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + file, e);
      }
    }

    /**
     * A CRS release: {@code setup} (crs-setup.conf) first, then every {@code *.conf} of {@code rulesDir} in name
     * order, as CRS's include pattern loads them.
     */
    public Builder crs(Path setup, Path rulesDir) {
      return file(setup).rules(rulesDir);
    }

    /** Every {@code *.conf} of a directory, in name order. */
    public Builder rules(Path rulesDir) {
      try (Stream<Path> s = Files.list(rulesDir)) {
        s.filter(p -> p.getFileName().toString().endsWith(".conf")).sorted().forEach(this::file);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot list " + rulesDir, e);
      }
      return this;
    }

    /** What {@code @detectSQLi}/{@code @detectXSS} call; libinjection unless replaced; null: those rules never match. */
    public Builder injectionDetector(InjectionDetector d) {
      this.detector = d;
      return this;
    }

    /** Treat {@code application/json} bodies as JSON (ModSecurity's recommended rule 200001); default on. */
    public Builder jsonByContentType(boolean on) {
      this.jsonByContentType = on;
      return this;
    }

    /** {@code On}, {@code DetectionOnly} or {@code Off}; a SecRuleEngine directive in the rules overrides it. */
    public Builder ruleEngine(String mode) {
      this.ruleEngine = mode.toLowerCase(Locale.ROOT);
      return this;
    }

    /** Characters all regexes of one request may read in total (see {@link WafVerdict#incomplete()}). */
    public Builder regexBudget(long chars) {
      this.regexBudget = chars;
      return this;
    }

    public SecLangEngine build() {
      Loader l = new Loader();
      l.ruleEngine = ruleEngine;
      for (Object[] s : sources) {
        l.load((String) s[0], (String) s[1], (Path) s[2]);
      }
      l.finish();
      return new SecLangEngine(l, detector, jsonByContentType, regexBudget);
    }
  }

  /** Evaluates a request's headers (phase 1) and body (phase 2). */
  public WafVerdict evaluate(WafRequest request) {
    Transaction tx = new Transaction(this, request, ruleEngine);
    if (tx.runPhase(phases.get(1), markers.get(1))) {
      return tx.verdict(true);
    }
    tx.processBody(request);
    boolean stopped = tx.runPhase(phases.get(2), markers.get(2));
    return tx.verdict(stopped);
  }

  /** What the loader skipped or cannot honour (unsupported operators, ignored directives...). */
  public List<String> warnings() {
    return warnings;
  }

  public int ruleCount() {
    return byId.size();
  }

  /** The rule with this id, for tests and tooling (its tags, phase...). */
  public Rule rule(int id) {
    return byId.get(id);
  }

  int[] ruleIds() {
    return ruleIds;
  }

  InjectionDetector injectionDetector() {
    return detector;
  }

  /** True when {@code @detectSQLi}/{@code @detectXSS} cannot match because no detector was given. */
  public boolean injectionDetectorMissing() {
    return detector == null;
  }

  boolean jsonByContentType() {
    return jsonByContentType;
  }

  /** Turns directives into rules, phase by phase, applying removals and target updates where they appear. */
  private static final class Loader {
    final List<List<Rule>> phases = new ArrayList<>();
    final List<String> warnings = new ArrayList<>();
    final Map<Integer, Actions> defaults = new HashMap<>();
    final Map<Integer, List<Transformations.Transform>> defaultTransforms = new HashMap<>();
    final List<PendingRule> chain = new ArrayList<>();
    final Set<String> ignored = new LinkedHashSet<>();
    String ruleEngine;

    Loader() {
      for (int i = 0; i <= 5; i++) {
        phases.add(new ArrayList<>());
      }
    }

    record PendingRule(int id, int phase, List<Target> targets, Operators.Operator op,
        List<Transformations.Transform> transforms, Actions actions) {}

    void load(String text, String name, Path baseDir) {
      for (SecLangParser.Directive d : SecLangParser.directives(text, name)) {
        try {
          directive(d, baseDir);
        } catch (SecLangException | IllegalArgumentException e) {
          throw new SecLangException(d.source() + ":" + d.line() + ": " + d.name() + ": " + e.getMessage(), e);
        }
      }
    }

    private void directive(SecLangParser.Directive d, Path baseDir) {
      List<String> a = d.args();
      switch (d.name().toLowerCase(Locale.ROOT)) {
        case "secrule" -> rule(a.get(0), a.get(1), a.size() > 2 ? a.get(2) : "", baseDir);
        case "secaction" -> rule(null, null, a.isEmpty() ? "" : a.get(0), baseDir);
        case "secmarker" -> {
          for (int p = 1; p <= 5; p++) {
            phases.get(p).add(new Rule(0, p, List.of(), null, List.of(), emptyActions(), null, a.get(0)));
          }
        }
        case "secdefaultaction" -> {
          List<String[]> list = SecLangParser.actionList(a.get(0));
          int phase = phaseOf(list, 2);
          defaults.put(phase, SecLangParser.actions(list));
          defaultTransforms.put(phase, transforms(list));
        }
        case "secruleengine" -> ruleEngine = a.get(0).toLowerCase(Locale.ROOT);
        case "secruleremovebyid" -> {
          for (String s : a) {
            for (String part : s.split("[\\s,]+")) {
              removeIds(part);
            }
          }
        }
        case "secruleremovebytag" -> removeIf(r -> r.tags().stream().anyMatch(t -> t.matches(a.get(0))));
        case "secruleremovebymsg" -> removeIf(r -> r.actions().msg() != null && r.actions().msg().matches(a.get(0)));
        case "secruleupdatetargetbyid" -> updateTargets(r -> idMatches(r.id(), a.get(0)), a);
        case "secruleupdatetargetbytag" -> updateTargets(r -> r.tags().stream().anyMatch(t -> t.matches(a.get(0))), a);
        case "secruleupdatetargetbymsg" -> updateTargets(r -> r.actions().msg() != null && r.actions().msg().matches(a.get(0)), a);
        case "seccomponentsignature" -> {
          // Identifies the rule set in audit logs; the edge has none.
        }
        default -> {
          // SecCollectionTimeout, SecRequestBodyAccess, SecArgumentSeparator... are server settings the edge
          // takes from its own configuration; persistent collections (IP/GLOBAL) live only per request here.
          if (ignored.add(d.name())) {
            warnings.add("directive " + d.name() + " ignored: not a rule; the edge configures this itself");
          }
        }
      }
    }

    private static boolean idMatches(int id, String spec) {
      for (String part : spec.split("[\\s,]+")) {
        int dash = part.indexOf('-', 1);
        if (dash > 0) {
          if (id >= Integer.parseInt(part.substring(0, dash)) && id <= Integer.parseInt(part.substring(dash + 1))) {
            return true;
          }
        } else if (!part.isEmpty() && Integer.parseInt(part) == id) {
          return true;
        }
      }
      return false;
    }

    private void removeIds(String part) {
      if (part.isEmpty()) {
        return;
      }
      removeIf(r -> idMatches(r.id(), part));
    }

    private void removeIf(java.util.function.Predicate<Rule> p) {
      for (List<Rule> rules : phases) {
        rules.removeIf(r -> !r.isMarker() && p.test(r));
      }
    }

    private void updateTargets(java.util.function.Predicate<Rule> which, List<String> a) {
      List<Target> add = SecLangParser.targets(a.get(1));
      String replaced = a.size() > 2 ? a.get(2) : null;
      for (List<Rule> rules : phases) {
        for (int i = 0; i < rules.size(); i++) {
          Rule r = rules.get(i);
          if (r.isMarker() || !which.test(r)) {
            continue;
          }
          List<Target> t = new ArrayList<>(r.targets());
          if (replaced != null) {
            Target old = SecLangParser.target(replaced);
            t.removeIf(x -> x.toString().equalsIgnoreCase(old.toString()));
          }
          t.addAll(add);
          rules.set(i, r.withTargets(t));
        }
      }
    }

    private static Actions emptyActions() {
      return SecLangParser.actions(List.of());
    }

    private static int phaseOf(List<String[]> list, int dflt) {
      for (String[] x : list) {
        if (x[0].equalsIgnoreCase("phase")) {
          String v = x[1].toLowerCase(Locale.ROOT);
          return switch (v) {
            case "request" -> 2;
            case "response" -> 4;
            case "logging" -> 5;
            default -> Integer.parseInt(v);
          };
        }
      }
      return dflt;
    }

    private final Map<List<String>, List<Transformations.Transform>> pipelines = new HashMap<>();

    /** One shared list per distinct pipeline, so a request can cache each pipeline's output by list identity. */
    private List<Transformations.Transform> internTransforms(List<Transformations.Transform> ts) {
      List<String> names = ts.stream().map(t -> t.name().toLowerCase(Locale.ROOT)).toList();
      return pipelines.computeIfAbsent(names, k -> List.copyOf(ts));
    }

    private List<Transformations.Transform> transforms(List<String[]> list) {
      List<Transformations.Transform> out = new ArrayList<>();
      for (String[] x : list) {
        if (x[0].equalsIgnoreCase("t")) {
          if (x[1].equalsIgnoreCase("none")) {
            out.clear();
            continue;
          }
          Transformations.Transform t = Transformations.byName(x[1]);
          if (t == null) {
            throw new SecLangException("unknown transformation t:" + x[1]);
          }
          out.add(t);
        }
      }
      return out;
    }

    private void rule(String vars, String op, String actionText, Path baseDir) {
      List<String[]> list = SecLangParser.actionList(actionText);
      boolean link = !chain.isEmpty();
      int phase = link ? chain.get(0).phase() : phaseOf(list, 2);
      int id = 0;
      for (String[] x : list) {
        if (x[0].equalsIgnoreCase("id")) {
          id = Integer.parseInt(x[1]);
        }
      }
      boolean tNone = list.stream().anyMatch(x -> x[0].equalsIgnoreCase("t") && x[1].equalsIgnoreCase("none"));
      List<Transformations.Transform> ts = new ArrayList<>();
      if (!tNone && !link) {
        ts.addAll(defaultTransforms.getOrDefault(phase, List.of()));
      }
      ts.addAll(transforms(list));
      ts = internTransforms(ts);
      Actions acts = SecLangParser.actions(list);
      if (!link) {
        acts = withDefaults(acts, defaults.get(phase));
      }
      List<Target> targets = vars == null ? List.of() : SecLangParser.targets(vars);
      Operators.Operator compiled = op == null ? null : Operators.compile(op, baseDir, warnings);
      chain.add(new PendingRule(id, phase, targets, compiled, ts, acts));
      if (acts.chain()) {
        return;
      }
      Rule next = null;
      for (int i = chain.size() - 1; i >= 0; i--) {
        PendingRule p = chain.get(i);
        next = new Rule(p.id(), phase, List.copyOf(p.targets()), p.op(), p.transforms(), p.actions(), next, null);
      }
      chain.clear();
      phases.get(phase).add(next);
    }

    /** Inherits log and disruptive from SecDefaultAction; {@code block} means the default's disruptive action. */
    private static Actions withDefaults(Actions a, Actions d) {
      String disruptive = a.disruptive();
      Boolean log = a.log();
      int status = a.status();
      if (d != null) {
        if (disruptive == null || "block".equals(disruptive)) {
          disruptive = d.disruptive();
          if (status == 0) {
            status = d.status();
          }
        }
        if (log == null) {
          log = d.log();
        }
      }
      if (log == null) {
        log = true;
      }
      if (disruptive == null || "block".equals(disruptive)) {
        disruptive = "pass";
      }
      return new Actions(disruptive, log, a.capture(), a.multiMatch(), a.chain(), a.skip(), a.skipAfter(), status,
          a.msg(), a.logdata(), a.severity(), a.tags(), a.setvars(), a.ctls());
    }

    void finish() {
      if (!chain.isEmpty()) {
        throw new SecLangException("rule " + chain.get(0).id() + ": chain without a final rule");
      }
      for (List<Rule> rules : phases) {
        Collections.unmodifiableList(rules);
      }
    }
  }
}
