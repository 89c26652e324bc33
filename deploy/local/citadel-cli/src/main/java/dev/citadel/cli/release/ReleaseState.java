package dev.citadel.cli.release;

import dev.citadel.cli.services.JsonFiles;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code release-state.json}: which unit serves ({@code live}), and while a release runs, the unit being released, its
 * share of traffic and the pid of the {@code citadel release} that drives it. Absent: unit {@code a} serves (what
 * {@code up} starts), and no release runs. {@code down} removes it with the rest of the state.
 */
public record ReleaseState(String live, String liveVersion, String candidate, String candidateVersion, int percent,
                           String phase, long pid) {

    public static final String FILE = "release-state.json";
    public static final String ROLLBACK_MARKER = "release-rollback";

    public static ReleaseState initial() {
        return new ReleaseState("a", "as started by up", null, null, 0, "idle", -1);
    }

    public static ReleaseState read(Path runDir) {
        return JsonFiles.read(runDir.resolve(FILE), ReleaseState.class).orElseGet(ReleaseState::initial);
    }

    public static Optional<ReleaseState> readIfPresent(Path runDir) {
        return JsonFiles.read(runDir.resolve(FILE), ReleaseState.class);
    }

    public void write(Path runDir) {
        JsonFiles.write(runDir.resolve(FILE), this);
    }

    public ReleaseUnit liveUnit() {
        return ReleaseUnit.valueOf(live.toUpperCase(java.util.Locale.ROOT));
    }

    public boolean inProgress() {
        return candidate != null;
    }

    public ReleaseState at(String newPhase, int newPercent) {
        return new ReleaseState(live, liveVersion, candidate, candidateVersion, newPercent, newPhase, pid);
    }
}
