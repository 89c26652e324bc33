package dev.citadel.cli.release;

import dev.citadel.cli.topology.Topology;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which release unit serves a run directory, and the unit a release in progress brings beside it: the one answer
 * {@code up}, {@code status}, {@code chaos}, {@code stamp} and {@code release} follow. Read from
 * {@code release-state.json} ({@link ReleaseState}); without it unit {@code a} serves (the topology as written), as
 * after a first {@code up} or a {@code down}.
 */
public record ServingUnit(ReleaseUnit unit, String version, Optional<ReleaseState> release) {

    public static ServingUnit of(Path runDir) {
        return of(ReleaseState.readIfPresent(runDir));
    }

    public static ServingUnit of(Optional<ReleaseState> state) {
        ReleaseState s = state.orElseGet(ReleaseState::initial);
        return new ServingUnit(s.liveUnit(), s.liveVersion(), state);
    }

    public boolean releaseInProgress() {
        return release.map(ReleaseState::inProgress).orElse(false);
    }

    /** The unit a release in progress starts beside the serving one. */
    public Optional<ReleaseUnit> candidate() {
        return release.filter(ReleaseState::inProgress).map(r -> r.candidate() == null ? unit.other()
                : ReleaseUnit.valueOf(r.candidate().toUpperCase(java.util.Locale.ROOT)));
    }

    /** The units that exist: the serving one, and while a release runs, its candidate. */
    public List<ReleaseUnit> units() {
        List<ReleaseUnit> units = new ArrayList<>(List.of(unit));
        candidate().ifPresent(units::add);
        return units;
    }

    /** The version {@code status} names for {@code u}: the serving one's, or the release's new one. */
    public String versionOf(ReleaseUnit u) {
        return u == unit ? version : release.map(ReleaseState::candidateVersion).orElse("?");
    }

    /** The topology as the serving unit runs it: its stamp services' and Kafka brokers' addresses. */
    public Topology place(Topology topology) {
        return unit.place(topology);
    }

    /** The serving unit's name of a component of the topology as written: {@code catalog-api-region1-b}. */
    public String component(String base) {
        return unit.name(base);
    }
}
