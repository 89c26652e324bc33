package dev.citadel.cli.chaos;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Runs one experiment: waits until the system is healthy, starts the load, lets a baseline pass, injects the fault,
 * holds it, heals it, waits until everything is healthy again (the RTO), lets a short tail pass, stops the load, and
 * audits every accepted write (the RPO).
 */
public final class ChaosRunner {

    /** How the run is paced. */
    public record Pacing(Duration baseline, Duration recoveryTimeout, Duration tail, Duration auditPatience) {}

    private final Supplier<ChaosLoad> loads;
    private final BooleanSupplier healthy;
    private final WriteAudit audit;
    private final Pacing pacing;
    private final PrintWriter progress;

    ChaosRunner(Supplier<ChaosLoad> loads, BooleanSupplier healthy, WriteAudit audit, Pacing pacing,
                PrintWriter progress) {
        this.loads = loads;
        this.healthy = healthy;
        this.audit = audit;
        this.pacing = pacing;
        this.progress = progress;
    }

    public ChaosResult run(Experiment experiment) throws InterruptedException {
        say(experiment.name() + ": " + experiment.description());
        if (!await(healthy, pacing.recoveryTimeout())) {
            return failed(experiment, "the system was not healthy before the experiment (waited "
                    + pacing.recoveryTimeout().toSeconds() + " s); see `citadel status`");
        }
        Fault fault = experiment.fault().get();
        ChaosLoad load = loads.get();
        long started = System.currentTimeMillis();
        load.start();
        Thread.sleep(pacing.baseline().toMillis());
        long injected = System.currentTimeMillis();
        String injectError = null;
        try {
            fault.inject();
            say("  injected; holding " + fault.hold().toSeconds() + " s");
            Thread.sleep(fault.hold().toMillis());
        } catch (RuntimeException e) {
            injectError = e.getMessage();
        } finally {
            // Always: a paused process or a partition must never outlive the experiment, whatever happened.
            try {
                fault.heal();
            } catch (RuntimeException e) {
                injectError = injectError == null ? "could not heal: " + e.getMessage() : injectError;
            }
        }
        long healed = System.currentTimeMillis();
        if (injectError != null) {
            load.stop();
            return failed(experiment, injectError);
        }
        boolean recovered = await(healthy, pacing.recoveryTimeout());
        long recoveredAt = recovered ? System.currentTimeMillis() : -1;
        say(recovered ? String.format("  healthy again after %.1f s", (recoveredAt - injected) / 1000.0)
                : "  NOT healthy again after " + pacing.recoveryTimeout().toSeconds() + " s");
        Thread.sleep(pacing.tail().toMillis());
        List<RequestOutcome> outcomes = load.stop();
        say("  " + outcomes.size() + " requests; reading every accepted write back from every region");
        WriteAudit.Result audited = audit.audit(outcomes, pacing.auditPatience());
        ChaosVerdict verdict = ChaosVerdict.of(experiment.name(), experiment.description(), outcomes, injected,
                recoveredAt, audited.lost());
        say("  " + (verdict.passed() ? "PASSED" : "MISSED: " + String.join("; ", verdict.missed())));
        return new ChaosResult(verdict, Timeline.of(outcomes, started), started, injected, healed, recoveredAt,
                audited.examples(), "");
    }

    private static boolean await(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(250);
        }
        return false;
    }

    private ChaosResult failed(Experiment experiment, String why) {
        say("  ERROR: " + why);
        ChaosVerdict none = ChaosVerdict.of(experiment.name(), experiment.description(), List.of(), 0, -1, 0);
        return new ChaosResult(none, Timeline.of(List.of(), 0), 0, 0, 0, -1, List.of(), why);
    }

    private void say(String line) {
        progress.println(line);
        progress.flush();
    }
}
