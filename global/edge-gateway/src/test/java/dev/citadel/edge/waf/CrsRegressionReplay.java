package dev.citadel.edge.waf;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.net.ssl.SSLContext;

/**
 * Benchmark helper, not a test: replays the OWASP CRS regression tests (read from a directory at run time) through
 * live HTTPS proxies whose backend answers 200 to everything, and prints one table comparing them: attack cases
 * (a paranoia-level-1 rule must fire) blocked, must-not-fire cases blocked (false positives), blocked per category.
 * "Blocked" is {@link WafCorpusReplay#isRefusal}: a 4xx other than 404/429, or a dropped connection.
 * <pre>java -cp ... dev.citadel.edge.waf.CrsRegressionReplay TESTS_DIR RULES_DIR LABEL=PORT [LABEL=PORT...]</pre>
 * {@code VERBOSE} set lists the misses.
 */
public final class CrsRegressionReplay {
    /** An answer that never came: counted apart, never as blocked (a hang is neither a refusal nor a pass). */
    static final int NO_ANSWER = -2;
    private static final int TIMEOUT_MS = 3_000;
    private static final Map<String, String> CATEGORIES = new LinkedHashMap<>();

    static {
        CATEGORIES.put("911", "method enforcement");
        CATEGORIES.put("913", "scanners");
        CATEGORIES.put("920", "protocol enforcement");
        CATEGORIES.put("921", "protocol attack");
        CATEGORIES.put("922", "multipart");
        CATEGORIES.put("930", "LFI");
        CATEGORIES.put("931", "RFI");
        CATEGORIES.put("932", "RCE");
        CATEGORIES.put("933", "PHP");
        CATEGORIES.put("934", "generic / Node.js");
        CATEGORIES.put("941", "XSS");
        CATEGORIES.put("942", "SQLi");
        CATEGORIES.put("943", "session fixation");
        CATEGORIES.put("944", "Java");
    }

    private CrsRegressionReplay() {
    }

    public static void main(String[] args) throws Exception {
        Path tests = Path.of(args[0]);
        Path rules = Path.of(args[1]);
        if (!Files.isDirectory(tests)) {
            System.out.println("CRS regression tests: " + tests + " is absent; nothing replayed");
            return;
        }
        Map<Integer, Integer> levels = Files.isDirectory(rules) ? CrsRegressionTests.paranoiaLevels(rules) : Map.of();
        if (levels.isEmpty()) {
            System.out.println("CRS rule files absent at " + rules + ": every rule counted as paranoia level 1");
        }
        List<CrsRegressionTests.Stage> stages = CrsRegressionTests.load(tests);
        SSLContext tls = WafCorpusReplay.trustingLoopbackOnly();
        List<String> labels = new ArrayList<>();
        List<int[]> statuses = new ArrayList<>();
        for (int a = 2; a < args.length; a++) {
            int eq = args[a].lastIndexOf('=');
            labels.add(args[a].substring(0, eq));
            int port = Integer.parseInt(args[a].substring(eq + 1));
            int[] st = new int[stages.size()];
            for (int i = 0; i < stages.size(); i++) {
                st[i] = send(tls, port, stages.get(i).request());
            }
            statuses.add(st);
        }
        System.out.print(report(stages, levels, labels, statuses, System.getenv("VERBOSE") != null));
    }

    /** The table (and with {@code verbose} the misses) for stages replayed through each labelled proxy. */
    static String report(List<CrsRegressionTests.Stage> stages, Map<Integer, Integer> levels, List<String> labels,
            List<int[]> statuses, boolean verbose) {
        Map<CrsRegressionTests.Kind, Integer> kinds = new TreeMap<>();
        int unfaithful = 0;
        for (CrsRegressionTests.Stage s : stages) {
            if (s.unfaithful() != null) {
                unfaithful++;
            } else {
                kinds.merge(CrsRegressionTests.classify(s, levels), 1, Integer::sum);
            }
        }
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "CRS regression tests: %d stages; %d attack cases (a PL1 rule must fire),"
                        + " %d must-not-fire; not counted: %d PL2+ attack cases, %d other expectations (status,"
                        + " error), %d not sendable faithfully%n", stages.size(),
                kinds.getOrDefault(CrsRegressionTests.Kind.ATTACK, 0),
                kinds.getOrDefault(CrsRegressionTests.Kind.MUST_NOT_FIRE, 0),
                kinds.getOrDefault(CrsRegressionTests.Kind.ATTACK_PL2_OR_HIGHER, 0),
                kinds.getOrDefault(CrsRegressionTests.Kind.OTHER, 0), unfaithful));
        out.append(String.format(Locale.ROOT, "%-32s", ""));
        labels.forEach(l -> out.append(String.format(Locale.ROOT, " | %-34s", l)));
        out.append('\n');
        row(out, "attack cases blocked", statuses, stages, s -> s.unfaithful() == null
                && CrsRegressionTests.classify(s, levels) == CrsRegressionTests.Kind.ATTACK);
        row(out, "must-not-fire blocked (FP)", statuses, stages, s -> s.unfaithful() == null
                && CrsRegressionTests.classify(s, levels) == CrsRegressionTests.Kind.MUST_NOT_FIRE);
        for (Map.Entry<String, String> c : CATEGORIES.entrySet()) {
            row(out, "  " + c.getKey() + " " + c.getValue(), statuses, stages, s -> s.unfaithful() == null
                    && s.category().equals(c.getKey())
                    && CrsRegressionTests.classify(s, levels) == CrsRegressionTests.Kind.ATTACK);
        }
        row(out, "not faithful, blocked", statuses, stages, s -> s.unfaithful() != null);
        out.append(String.format(Locale.ROOT, "%-32s", "no answer in " + TIMEOUT_MS / 1000 + " s (not blocked)"));
        for (int[] st : statuses) {
            long n = java.util.Arrays.stream(st).filter(v -> v == NO_ANSWER).count();
            out.append(String.format(Locale.ROOT, " | %-34s", n));
        }
        out.append('\n');
        List<String> odd = new ArrayList<>();
        stages.stream().filter(s -> s.unfaithful() != null).forEach(s -> odd.add(s.title() + " (" + s.unfaithful() + ")"));
        out.append("not sendable faithfully: ").append(odd).append('\n');
        if (verbose) {
            for (int p = 0; p < labels.size(); p++) {
                List<String> missed = new ArrayList<>();
                List<String> falsePositives = new ArrayList<>();
                for (int i = 0; i < stages.size(); i++) {
                    CrsRegressionTests.Stage s = stages.get(i);
                    if (s.unfaithful() != null) {
                        continue;
                    }
                    CrsRegressionTests.Kind k = CrsRegressionTests.classify(s, levels);
                    int status = statuses.get(p)[i];
                    String id = s.title() + (s.index() > 0 ? "#" + s.index() : "") + "=" + status;
                    if (k == CrsRegressionTests.Kind.ATTACK && !WafCorpusReplay.isRefusal(status)) {
                        missed.add(id);
                    } else if (k == CrsRegressionTests.Kind.MUST_NOT_FIRE && WafCorpusReplay.isRefusal(status)) {
                        falsePositives.add(id);
                    }
                }
                out.append(labels.get(p)).append(" passed attack cases: ").append(missed).append('\n');
                out.append(labels.get(p)).append(" blocked must-not-fire cases: ").append(falsePositives).append('\n');
            }
        }
        return out.toString();
    }

    private static void row(StringBuilder out, String name, List<int[]> statuses, List<CrsRegressionTests.Stage> stages,
            java.util.function.Predicate<CrsRegressionTests.Stage> which) {
        int total = 0;
        for (CrsRegressionTests.Stage s : stages) {
            total += which.test(s) ? 1 : 0;
        }
        if (total == 0) {
            return;
        }
        out.append(String.format(Locale.ROOT, "%-32s", name + ", " + total));
        for (int[] st : statuses) {
            int blocked = 0;
            for (int i = 0; i < stages.size(); i++) {
                blocked += which.test(stages.get(i)) && WafCorpusReplay.isRefusal(st[i]) ? 1 : 0;
            }
            out.append(String.format(Locale.ROOT, " | %-34s",
                    String.format(Locale.ROOT, "%d (%.1f %%)", blocked, 100.0 * blocked / total)));
        }
        out.append('\n');
    }

    private static int send(SSLContext tls, int port, byte[] request) {
        try (Socket s = tls.getSocketFactory().createSocket("127.0.0.1", port)) {
            s.setSoTimeout(TIMEOUT_MS);
            try {
                OutputStream out = s.getOutputStream();
                out.write(request);
                out.flush();
            } catch (IOException e) {
                // the proxy may have answered and closed before taking the whole request: read what it said
            }
            try {
                return WafCorpusReplay.statusOf(s.getInputStream());
            } catch (NumberFormatException e) {
                return -1; // not an HTTP status line: the proxy did not relay the request
            }
        } catch (SocketTimeoutException e) {
            return NO_ANSWER;
        } catch (IOException e) {
            return -1; // refused or reset: the proxy would not take the request
        }
    }
}
