package dev.citadel.cli.rotate;

import dev.citadel.platform.pki.Passwords;
import dev.citadel.platform.pki.Secret;
import dev.citadel.platform.pki.SecretDirectory;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Replaces the release's API key with no moment in which a client holding either the old or the new key is refused
 * while it is meant to be valid:
 * <ol>
 *   <li>the new key is issued and kept in the tier's secrets as {@value #NEXT} before any stamp sees it;</li>
 *   <li>every stamp's {@code api-keys} file lists the old key(s) and the new one;</li>
 *   <li>each catalog-api is probed until it takes the new key (it re-reads the file within a second);</li>
 *   <li>the operator's copy ({@code release-api-key}) becomes the new key;</li>
 *   <li>after the overlap, the stamps' files list only the new key;</li>
 *   <li>each catalog-api is probed until it refuses every old key and still takes the new one; {@value #NEXT} goes.</li>
 * </ol>
 * Every step can be repeated, so a rotation interrupted anywhere is completed by running it again: {@value #NEXT}
 * names the key being introduced, and whatever else the stamps or the operator's copy hold is an old key.
 */
public final class ApiKeyRotation {

    public static final String CURRENT = "release-api-key";
    public static final String NEXT = "release-api-key.next";

    /** How long a catalog-api may take to follow its file (it checks every second; this covers a busy machine). */
    public static final Duration FOLLOW_TIMEOUT = Duration.ofSeconds(60);

    /** A rotation that could not finish; what it left is safe (both keys valid, or the new one alone). */
    public static final class Incomplete extends RuntimeException {
        Incomplete(String message) {
            super(message);
        }
    }

    /** The figures of one rotation. */
    public record Report(boolean resumed, int oldKeys, Map<String, Duration> steps) {}

    private final SecretDirectory tier;
    private final Map<String, Path> stampKeyFiles;
    private final KeyProbe probe;
    private final Duration overlap;
    private final RotationSteps steps;

    /** @param stampKeyFiles region → that stamp's catalog-api {@code api-keys} file */
    public ApiKeyRotation(SecretDirectory tier, Map<String, Path> stampKeyFiles, KeyProbe probe, Duration overlap,
                          Duration followTimeout, PrintWriter out) {
        this.tier = tier;
        this.stampKeyFiles = Map.copyOf(stampKeyFiles);
        this.probe = probe;
        this.overlap = overlap;
        this.steps = new RotationSteps("api-key", "nothing was revoked that it still needs", followTimeout,
                out);
    }

    public Report run() throws InterruptedException {
        Secret current = tier.read(CURRENT).orElseThrow(() ->
                new Incomplete("no " + CURRENT + " in " + tier.directory() + ": run `citadel up` first"));
        boolean resumed = tier.contains(NEXT);
        long t = steps.begin();
        Secret next = tier.getOrCreate(NEXT, Passwords::generate);
        Set<Secret> old = new LinkedHashSet<>();
        old.add(current);
        stampKeyFiles.values().forEach(f -> old.addAll(ApiKeyFiles.read(f)));
        old.remove(next);
        steps.step("issue", t, (resumed ? "resuming an interrupted rotation: its new key" : "new key issued")
                + " kept as " + NEXT + "; " + old.size() + " old key(s) stay valid for now");

        t = steps.begin();
        List<Secret> both = new ArrayList<>(old);
        both.add(next);
        stampKeyFiles.values().forEach(f -> ApiKeyFiles.write(f, both));
        steps.step("overlap-written", t, "every stamp's api-keys lists old and new (" + stampKeyFiles.size() + " stamps)");

        t = steps.begin();
        for (String region : regions()) {
            steps.await("catalog-api-" + region, "take the new key", () -> probe.check(region, next) == KeyProbe.Verdict.ACCEPTED);
        }
        steps.step("new-accepted", t, "every catalog-api takes the new key");

        t = steps.begin();
        tier.write(CURRENT, next);
        steps.step("operator-copy", t, "the operator's " + tier.path(CURRENT) + " holds the new key");

        t = steps.begin();
        if (!overlap.isZero()) {
            steps.say("  overlap: old and new both valid for " + overlap.toSeconds() + " s");
            Thread.sleep(overlap.toMillis());
        }
        steps.step("overlap", t, "overlap over");

        t = steps.begin();
        stampKeyFiles.values().forEach(f -> ApiKeyFiles.write(f, List.of(next)));
        steps.step("old-removed", t, "every stamp's api-keys lists only the new key");

        t = steps.begin();
        for (String region : regions()) {
            steps.await("catalog-api-" + region, "refuse the old key(s) and take the new one", () ->
                    old.stream().allMatch(k -> probe.check(region, k) == KeyProbe.Verdict.REFUSED)
                            && probe.check(region, next) == KeyProbe.Verdict.ACCEPTED);
        }
        try {
            Files.deleteIfExists(tier.path(NEXT));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + tier.path(NEXT), e);
        }
        steps.step("old-refused", t, "every catalog-api refuses the old key(s); rotation complete");
        return new Report(resumed, old.size(), steps.durations());
    }

    private List<String> regions() {
        return stampKeyFiles.keySet().stream().sorted().toList();
    }
}
