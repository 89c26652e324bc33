package dev.citadel.edge.waf;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Detection and false-positive rates of the bundled rules on the corpora in {@code src/test/resources/waf}:
 * attacks.http (used to tune the rules), attacks-heldout.http (written before the rules, never tuned
 * against) and benign.http (realistic catalog API and UI traffic).
 */
class WafCorpusTest {

    private final WafEngine engine = WafEngine.withDefaultRules(WafPolicy.defaults());

    @Test
    void detectsAtLeast95PercentOfTheAttackCorpusIncludingTheHeldOutPart() {
        List<HttpCorpus.Case> tuning = HttpCorpus.load("/waf/attacks.http");
        List<HttpCorpus.Case> heldOut = HttpCorpus.load("/waf/attacks-heldout.http");
        List<String> missedTuning = missed(tuning);
        List<String> missedHeldOut = missed(heldOut);
        report("attacks.http (tuning)", tuning.size(), missedTuning);
        report("attacks-heldout.http (held out)", heldOut.size(), missedHeldOut);
        int total = tuning.size() + heldOut.size();
        int detected = total - missedTuning.size() - missedHeldOut.size();
        System.out.printf(Locale.ROOT, "WAF detection overall: %d/%d = %.1f %%%n", detected, total, 100.0 * detected / total);

        assertThat(tuning.size() + heldOut.size()).isGreaterThanOrEqualTo(200);
        assertThat(100.0 * detected / total).as("overall detection rate, missed: %s %s", missedTuning, missedHeldOut)
                .isGreaterThanOrEqualTo(95.0);
        assertThat(100.0 * (heldOut.size() - missedHeldOut.size()) / heldOut.size())
                .as("held-out detection rate, missed: %s", missedHeldOut).isGreaterThanOrEqualTo(95.0);
    }

    @Test
    void blocksNoneOfTheBenignCorpus() {
        List<HttpCorpus.Case> benign = HttpCorpus.load("/waf/benign.http");
        List<String> falsePositives = new ArrayList<>();
        for (HttpCorpus.Case c : benign) {
            WafVerdict v = engine.inspect(c.request());
            if (!v.allowed()) {
                falsePositives.add(c.id() + " " + v.matches());
            }
        }
        System.out.printf(Locale.ROOT, "WAF false positives on benign.http: %d/%d = %.1f %%%n", falsePositives.size(),
                benign.size(), 100.0 * falsePositives.size() / benign.size());
        falsePositives.forEach(f -> System.out.println("  false positive: " + f));

        assertThat(benign.size()).isGreaterThanOrEqualTo(200);
        assertThat(falsePositives).isEmpty();
    }

    private List<String> missed(List<HttpCorpus.Case> cases) {
        List<String> missed = new ArrayList<>();
        for (HttpCorpus.Case c : cases) {
            if (engine.inspect(c.request()).allowed()) {
                missed.add(c.id());
            }
        }
        return missed;
    }

    private static void report(String name, int size, List<String> missed) {
        System.out.printf(Locale.ROOT, "WAF detection on %s: %d/%d = %.1f %%, missed %s%n", name, size - missed.size(),
                size, 100.0 * (size - missed.size()) / size, missed);
    }
}
