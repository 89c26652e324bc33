package dev.citadel.cli.chaos;

import java.util.List;

/**
 * One experiment's run: the verdict, the per-second timeline, and the moments that frame it (epoch ms; recovered is
 * -1 when the system never became fully healthy again). {@code error} is set when the experiment could not run at all.
 */
public record ChaosResult(ChaosVerdict verdict, Timeline timeline, long startedAt, long injectedAt, long healedAt,
                          long recoveredAt, List<String> lostExamples, String error) {

    public ChaosResult {
        lostExamples = List.copyOf(lostExamples);
        error = error == null ? "" : error;
    }

    public boolean passed() {
        return error.isEmpty() && verdict.passed();
    }
}
