package dev.citadel.cli.rotate;

import dev.citadel.platform.pki.Passwords;
import dev.citadel.platform.pki.Secret;
import dev.citadel.platform.pki.SecretDirectory;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Replaces each stamp's edge id (the {@code X-Edge-Id} a stamp demands next to the edge's client certificate) with
 * no moment in which a request the edge sends is refused:
 * <ol>
 *   <li>a new id per stamp is issued and kept in the tier's secrets as {@code edge-id-<region>.next};</li>
 *   <li>every public service of the stamp ({@code edge-id} file) lists the old id(s) and the new one;</li>
 *   <li>each stamp is probed until all its public services take the new id (they re-read the file within a second);</li>
 *   <li>the edge's copy ({@code edge/secrets/<region>-edge-id}) becomes the new id, and the edge's admin API is
 *   asked until every origin of that stamp sends it (it follows the file within a second);</li>
 *   <li>after the overlap (requests the edge rewrote just before finish), the stamps' files list only the new id
 *   and the tier's {@code edge-id-<region>} holds it;</li>
 *   <li>each stamp is probed until it refuses every old id and still takes the new one; the {@code .next} goes.</li>
 * </ol>
 * Every step can be repeated: run again after an interruption, it completes the rotation with the same new ids.
 */
public final class EdgeIdRotation {

    public static final String PREFIX = "edge-id-";
    public static final String NEXT_SUFFIX = ".next";
    private static final long POLL_MILLIS = 200;

    /** Asks one stamp whether its public services take an edge id right now (all of them, or none). */
    public interface Probe {
        KeyProbe.Verdict check(String region, Secret edgeId);
    }

    /** The fingerprints ({@link #fingerprint}) of the ids the edge sends to a stamp's origins now; empty if unknown. */
    public interface EdgeView {
        Set<String> sentTo(String region);
    }

    /** One stamp: its services' {@code edge-id} files and the edge's copy. */
    public record Stamp(List<Path> serviceFiles, Path edgeFile) {}

    private final SecretDirectory tier;
    private final Map<String, Stamp> stamps;
    private final Probe probe;
    private final EdgeView edge;
    private final Duration overlap;
    private final Duration followTimeout;
    private final PrintWriter out;
    private final LongSupplier nanoTime = System::nanoTime;
    private final long startedAt = System.nanoTime();
    private final Map<String, Duration> steps = new LinkedHashMap<>();

    public EdgeIdRotation(SecretDirectory tier, Map<String, Stamp> stamps, Probe probe, EdgeView edge, Duration overlap,
                          Duration followTimeout, PrintWriter out) {
        this.tier = tier;
        this.stamps = new LinkedHashMap<>(stamps);
        this.probe = probe;
        this.edge = edge;
        this.overlap = overlap;
        this.followTimeout = followTimeout;
        this.out = out;
    }

    /** The first 12 hex digits of the id's SHA-256, as the edge's {@code GET /origins} shows it. */
    public static String fingerprint(Secret id) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(id.reveal().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return each step's duration */
    public Map<String, Duration> run() throws InterruptedException {
        long t = nanoTime.getAsLong();
        Map<String, Secret> next = new LinkedHashMap<>();
        Map<String, Set<Secret>> old = new LinkedHashMap<>();
        boolean resumed = false;
        for (var e : stamps.entrySet()) {
            String region = e.getKey();
            resumed |= tier.contains(PREFIX + region + NEXT_SUFFIX);
            Secret id = tier.getOrCreate(PREFIX + region + NEXT_SUFFIX, Passwords::generate);
            next.put(region, id);
            Set<Secret> previous = new LinkedHashSet<>();
            tier.read(PREFIX + region).ifPresent(previous::add);
            e.getValue().serviceFiles().forEach(f -> previous.addAll(ApiKeyFiles.read(f)));
            previous.addAll(ApiKeyFiles.read(e.getValue().edgeFile()));
            previous.remove(id);
            old.put(region, previous);
        }
        step("issue", t, (resumed ? "resuming an interrupted rotation: its new ids" : "a new edge id per stamp")
                + " kept as " + PREFIX + "<region>" + NEXT_SUFFIX + " (" + stamps.size() + " stamps)");

        t = nanoTime.getAsLong();
        for (var e : stamps.entrySet()) {
            List<Secret> both = new ArrayList<>(old.get(e.getKey()));
            both.add(next.get(e.getKey()));
            e.getValue().serviceFiles().forEach(f -> ApiKeyFiles.write(f, both));
        }
        step("overlap-written", t, "every stamp's public services list old and new");

        t = nanoTime.getAsLong();
        for (String region : stamps.keySet()) {
            await(region, "take the new edge id", () -> probe.check(region, next.get(region)) == KeyProbe.Verdict.ACCEPTED);
        }
        step("new-accepted", t, "every stamp takes the new edge id");

        t = nanoTime.getAsLong();
        for (var e : stamps.entrySet()) {
            ApiKeyFiles.write(e.getValue().edgeFile(), List.of(next.get(e.getKey())));
        }
        for (String region : stamps.keySet()) {
            String want = fingerprint(next.get(region));
            await("the edge", "send the new edge id to " + region,
                    () -> edge.sentTo(region).equals(Set.of(want)));
        }
        step("edge-switched", t, "the edge sends every stamp its new id");

        t = nanoTime.getAsLong();
        if (!overlap.isZero()) {
            out.printf("  overlap: old and new both accepted for %d ms more%n", overlap.toMillis());
            out.flush();
            Thread.sleep(overlap.toMillis());
        }
        step("overlap", t, "overlap over");

        t = nanoTime.getAsLong();
        for (var e : stamps.entrySet()) {
            e.getValue().serviceFiles().forEach(f -> ApiKeyFiles.write(f, List.of(next.get(e.getKey()))));
            tier.write(PREFIX + e.getKey(), next.get(e.getKey()));
        }
        step("old-removed", t, "every stamp's public services list only the new id; the tier's copy holds it");

        t = nanoTime.getAsLong();
        for (String region : stamps.keySet()) {
            await(region, "refuse the old edge id(s) and take the new one", () ->
                    old.get(region).stream().allMatch(k -> probe.check(region, k) == KeyProbe.Verdict.REFUSED)
                            && probe.check(region, next.get(region)) == KeyProbe.Verdict.ACCEPTED);
        }
        for (String region : stamps.keySet()) {
            try {
                Files.deleteIfExists(tier.path(PREFIX + region + NEXT_SUFFIX));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot remove " + tier.path(PREFIX + region + NEXT_SUFFIX), e);
            }
        }
        step("old-refused", t, "every stamp refuses the old edge id(s); rotation complete");
        return Map.copyOf(steps);
    }

    private interface Condition {
        boolean met() throws InterruptedException;
    }

    private void await(String who, String what, Condition condition) throws InterruptedException {
        long deadline = nanoTime.getAsLong() + followTimeout.toNanos();
        while (!condition.met()) {
            if (nanoTime.getAsLong() > deadline) {
                throw new ApiKeyRotation.Incomplete((who.equals("the edge") ? who : "stamp " + who) + " did not " + what
                        + " within " + followTimeout.toSeconds() + " s; nothing was revoked that it still needs. Check it"
                        + " (`citadel status`, its log), then run `citadel rotate edge-id` again: it completes this"
                        + " rotation");
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    private void step(String name, long startedNanos, String message) {
        long now = nanoTime.getAsLong();
        Duration took = Duration.ofNanos(now - startedNanos);
        steps.put(name, took);
        out.printf("[%6.1f s] %s (%d ms)%n", (now - startedAt) / 1e9, message, took.toMillis());
        out.flush();
    }
}
