package dev.citadel.cli.chaos;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The figures of one experiment and whether they meet the targets (CITADEL.md section 8): no failed read, fewer than
 * 0.1 % failed writes, traffic moved within 2 s, fully healthy again, and not one accepted write lost.
 *
 * @param readAvailability successful reads / reads started in the window (injection until recovered), in percent
 * @param movedInMillis    injection until the end of the last failed request (0 when none failed): how long clients saw
 *                         the fault before traffic moved to what still serves
 * @param rtoMillis        injection until every component runs and the edge has every origin back; -1 if never
 * @param lostWrites       writes answered 201/202 during the run that one region could not read back afterwards
 */
public record ChaosVerdict(String experiment, String description, int reads, int failedReads, int writes,
                           int failedWrites, double readAvailability, double writeAvailability,
                           Map<String, Integer> errors, long movedInMillis, long rtoMillis, int acceptedWrites,
                           int lostWrites, List<String> missed) {

    static final long MOVED_IN_TARGET_MILLIS = 2_000;
    static final double WRITE_FAILURE_TARGET = 0.001;

    public ChaosVerdict {
        errors = Map.copyOf(errors);
        missed = List.copyOf(missed);
    }

    public boolean passed() {
        return missed.isEmpty();
    }

    /**
     * @param injectedAt  when the fault was injected (epoch ms)
     * @param recoveredAt when the system was fully healthy again (epoch ms), or -1 if it never was
     * @param lost        accepted writes not readable in every region afterwards
     */
    public static ChaosVerdict of(String experiment, String description, List<RequestOutcome> outcomes,
                                  long injectedAt, long recoveredAt, int lost) {
        long windowEnd = recoveredAt < 0 ? Long.MAX_VALUE : recoveredAt;
        int reads = 0;
        int failedReads = 0;
        int writes = 0;
        int failedWrites = 0;
        long lastFailure = -1;
        Map<String, Integer> errors = new TreeMap<>();
        int accepted = 0;
        for (RequestOutcome o : outcomes) {
            if (!o.operation().read() && o.succeeded()) {
                accepted++;
            }
            if (!o.succeeded()) {
                errors.merge(o.errorKind(), 1, Integer::sum);
                if (o.endMillis() >= injectedAt) {
                    lastFailure = Math.max(lastFailure, o.endMillis());
                }
            }
            boolean inWindow = o.endMillis() >= injectedAt && o.startMillis() <= windowEnd;
            if (!inWindow) {
                continue;
            }
            if (o.operation().read()) {
                reads++;
                failedReads += o.succeeded() ? 0 : 1;
            } else {
                writes++;
                failedWrites += o.succeeded() ? 0 : 1;
            }
        }
        long movedIn = lastFailure < 0 ? 0 : lastFailure - injectedAt;
        long rto = recoveredAt < 0 ? -1 : recoveredAt - injectedAt;
        int allFailedReads = (int) outcomes.stream().filter(o -> o.operation().read() && !o.succeeded()).count();
        int allWrites = (int) outcomes.stream().filter(o -> !o.operation().read()).count();
        int allFailedWrites = allWrites - accepted;
        List<String> missed = new ArrayList<>();
        if (allFailedReads > 0) {
            missed.add(allFailedReads + " failed reads (target 0)");
        }
        if (allWrites > 0 && allFailedWrites > WRITE_FAILURE_TARGET * allWrites) {
            missed.add(String.format("%.2f %% failed writes (target < 0.1 %%)", 100.0 * allFailedWrites / allWrites));
        }
        if (movedIn > MOVED_IN_TARGET_MILLIS) {
            missed.add(String.format("traffic moved in %.1f s (target 2 s)", movedIn / 1000.0));
        }
        if (rto < 0) {
            missed.add("never fully healthy again");
        }
        if (lost > 0) {
            missed.add(lost + " accepted writes lost (target 0)");
        }
        return new ChaosVerdict(experiment, description, reads, failedReads, writes, failedWrites,
                percent(reads - failedReads, reads), percent(writes - failedWrites, writes), errors, movedIn, rto,
                accepted, lost, missed);
    }

    private static double percent(int part, int whole) {
        return whole == 0 ? 100.0 : 100.0 * part / whole;
    }
}
