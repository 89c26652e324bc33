package dev.citadel.cli;

import dev.citadel.cli.release.Gate;
import dev.citadel.cli.release.LiveRelease;
import dev.citadel.cli.release.ReleaseRun;
import dev.citadel.cli.release.ReleaseState;
import dev.citadel.cli.release.ReleaseSteps;
import dev.citadel.cli.release.ReleaseUnit;
import dev.citadel.cli.release.Timeline;
import dev.citadel.cli.services.ProcessIdentities;
import dev.citadel.cli.services.RunLayout;
import dev.citadel.cli.services.SupervisorProcess;
import dev.citadel.cli.topology.Topology;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code citadel release}: a new release unit beside the running one, smoke-tested stamp by stamp from the management
 * side, then given traffic in steps through the edge's weights with a gate at each step ({@link ReleaseRun}); a failed
 * gate rolls back to the old unit, a passed last step drains and stops the old unit.
 */
@Command(name = "release", mixinStandardHelpOptions = true,
        description = {"Starts a new release unit (every stamp's services, new version) beside the running one,"
                + " smoke-tests it, shifts the edge's traffic to it in gated steps, then drains and stops the old unit.",
                "A failed smoke test or gate rolls back to the old unit (exit 20). `--rollback` stops a running release.",
                "Both units share each region's Cassandra data centre and Kafka broker."})
public final class ReleaseCommand implements Callable<Integer>, ManagementCommand {

    @Spec
    CommandSpec spec;

    @Mixin
    TopologyOptions topology;

    @Option(names = "--from", paramLabel = "PATH",
            description = "Checkout whose built jars are the new version (default: CITADEL_HOME, this checkout).")
    Path from;

    @Option(names = "--version", paramLabel = "V", description = "The new version's name, shown by `status` (default: "
            + "the time of the release).")
    String version;

    @Option(names = "--steps", paramLabel = "P,P,...", defaultValue = "10,50,100",
            description = "Traffic shares of the new unit, rising to 100 (default ${DEFAULT-VALUE}).")
    String steps;

    @Option(names = "--soak", paramLabel = "DURATION", defaultValue = "60s", converter = DurationConverter.class,
            description = "How long each step runs before its gate (default ${DEFAULT-VALUE}).")
    Duration soak;

    @Option(names = "--drain", paramLabel = "DURATION", defaultValue = "5s", converter = DurationConverter.class,
            description = "Wait after a unit's weight reached 0 before its origins leave the edge (default ${DEFAULT-VALUE}).")
    Duration drain;

    @Option(names = "--ready-timeout", paramLabel = "SECONDS", defaultValue = "300",
            description = "How long the new unit's services may take to become ready (default ${DEFAULT-VALUE}).")
    int readyTimeoutSeconds;

    @Option(names = "--fault-after", paramLabel = "N", description = "Rehearsal: the new unit's catalog-api answers 503"
            + " to every API request after its first N (a release that must be rolled back).")
    Integer faultAfter;

    @Option(names = "--rollback", description = "Roll back the release in progress (or clean up one that died).")
    boolean rollback;

    @Override
    public Integer call() throws InterruptedException {
        Topology topo = topology.load();
        RunLayout layout = new RunLayout(topology.runDir());
        PrintWriter out = spec.commandLine().getOut();
        if (!SupervisorProcess.alive(layout)) {
            throw new ExitException(ExitCode.DEGRADED, "no supervisor runs for " + layout.runDir()
                    + ": `citadel up` first");
        }
        ReleaseState state = ReleaseState.read(layout.runDir());
        Path marker = layout.runDir().resolve(ReleaseState.ROLLBACK_MARKER);
        if (rollback) {
            return rollBack(topo, layout, state, marker, out);
        }
        if (state.inProgress()) {
            throw new ExitException(ExitCode.DEGRADED, "a release is in progress (unit " + state.candidate() + ", pid "
                    + state.pid() + "); wait for it or run `citadel release --rollback`");
        }
        ReleaseSteps plannedSteps;
        try {
            plannedSteps = ReleaseSteps.parse(steps);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--steps: " + e.getMessage());
        }
        if (faultAfter != null && faultAfter < 0) {
            throw new ParameterException(spec.commandLine(), "--fault-after must be 0 or more");
        }
        Path source = from == null ? topology.home() : from.toAbsolutePath().normalize();
        String newVersion = version == null ? "released " + java.time.Instant.now() : version;
        checkSchema(source, spec.commandLine().getOut());
        ReleaseUnit live = state.liveUnit();
        LiveRelease release = new LiveRelease(topo, layout, live, drain, out);
        ReleaseUnit fresh = release.newUnit();
        deleteQuietly(marker);
        ReleaseState running = new ReleaseState(state.live(), state.liveVersion(), fresh.label(), newVersion, 0,
                "starting", ProcessHandle.current().pid());
        running.write(layout.runDir());
        long t0 = System.nanoTime();
        out.println("release: unit " + live.label() + " (" + state.liveVersion() + ") serves; starting unit "
                + fresh.label() + " (" + newVersion + ") from " + source);
        out.flush();
        ReleaseRun.Result result;
        try {
            release.start(source, faultAfter, ProcessIdentities.current());
            List<String> unready = release.awaitReady(Duration.ofSeconds(readyTimeoutSeconds));
            if (!unready.isEmpty()) {
                out.println("unit " + fresh.label() + " did not become ready: " + String.join("; ", unready));
                release.destroyNewUnit();
                finish(layout, state);
                out.println("ROLLED BACK: unit " + live.label() + " serves; unit " + fresh.label() + " never took"
                        + " traffic");
                out.flush();
                return ExitCode.RELEASE_ROLLED_BACK;
            }
            release.addOrigins();
            running.at("smoke test", 0).write(layout.runDir());
            out.println(Timeline.HEADER);
            out.flush();
            ReleaseRun run = new ReleaseRun(new Tracking(release, running, layout.runDir()), plannedSteps, Gate.DEFAULT,
                    soak, live.origins(topo), fresh.origins(topo), System::nanoTime, row -> {
                        out.println(Timeline.line(row));
                        out.flush();
                    });
            result = run.run();
        } catch (RuntimeException e) {
            out.println("release failed: " + e.getMessage() + "; rolling back to unit " + live.label());
            out.flush();
            release.setWeights(0);
            release.destroyNewUnit();
            finish(layout, state);
            throw e;
        }
        deleteQuietly(marker);
        if (result.outcome() == ReleaseRun.Outcome.RELEASED) {
            finish(layout, new ReleaseState(fresh.label(), newVersion, null, null, 0, "idle", -1));
            out.printf("RELEASED: unit %s (%s) serves alone, in %.1f s%n", fresh.label(), newVersion,
                    (System.nanoTime() - t0) / 1e9);
            out.flush();
            return ExitCode.OK;
        }
        finish(layout, state);
        out.printf("ROLLED BACK: %s; unit %s (%s) serves, in %.1f s%n", result.reason(), live.label(),
                state.liveVersion(), (System.nanoTime() - t0) / 1e9);
        out.flush();
        return ExitCode.RELEASE_ROLLED_BACK;
    }

    /** Expand/contract: refused before any process starts or any weight moves. */
    private static void checkSchema(Path source, PrintWriter out) {
        Path api = source.resolve(dev.citadel.cli.services.ServiceKind.CATALOG_API.jar());
        if (!Files.isRegularFile(api)) {
            throw new ExitException(ExitCode.USAGE, "no catalog-api build at " + api + ": build the new version first");
        }
        List<dev.citadel.cli.release.NewSchema.Pending> pending = dev.citadel.cli.release.NewSchema.pending(api);
        List<String> breaking = new java.util.ArrayList<>();
        for (var p : pending) {
            dev.citadel.cli.release.SchemaCompatibility.breakingStatements(p.statements())
                    .forEach(s -> breaking.add("V" + p.version() + " (" + p.description() + "): " + s));
        }
        if (!breaking.isEmpty()) {
            throw new ExitException(ExitCode.RELEASE_REFUSED, "release refused, nothing started: "
                    + String.join("; ", breaking) + ". Ship the change as expand now and contract in a later release.");
        }
        if (pending.isEmpty()) {
            out.println("schema: the new build brings no schema version beyond the running one");
        } else {
            out.println("schema: the new build brings " + pending.stream().map(p -> "V" + p.version()).toList()
                    + ", expand-only; apply them with the new build's `citadel migrate` before its unit serves"
                    + " (its smoke test fails otherwise)");
        }
        out.flush();
    }

    private int rollBack(Topology topo, RunLayout layout, ReleaseState state, Path marker, PrintWriter out)
            throws InterruptedException {
        if (!state.inProgress()) {
            out.println("no release in progress; unit " + state.live() + " (" + state.liveVersion() + ") serves");
            out.flush();
            return ExitCode.OK;
        }
        if (state.pid() > 0 && ProcessHandle.of(state.pid()).map(ProcessHandle::isAlive).orElse(false)) {
            try {
                Files.writeString(marker, "rollback requested at " + java.time.Instant.now() + "\n");
            } catch (IOException e) {
                throw new ExitException(ExitCode.STATE_UNUSABLE, "cannot write " + marker + ": " + e.getMessage(), e);
            }
            out.println("rollback requested from the release in progress (pid " + state.pid() + "); waiting for it");
            out.flush();
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (ReleaseState.read(layout.runDir()).inProgress() && System.nanoTime() < deadline) {
                Thread.sleep(500);
            }
            if (ReleaseState.read(layout.runDir()).inProgress()) {
                throw new ExitException(ExitCode.DEGRADED, "the release (pid " + state.pid() + ") has not rolled back"
                        + " within 5 minutes");
            }
        } else {
            // The release that drove it died: put everything back on the live unit ourselves.
            LiveRelease release = new LiveRelease(topo, layout, state.liveUnit(), drain, out);
            release.setWeights(0);
            release.destroyNewUnit();
            finish(layout, new ReleaseState(state.live(), state.liveVersion(), null, null, 0, "idle", -1));
        }
        deleteQuietly(marker);
        out.println("rolled back: unit " + state.live() + " (" + state.liveVersion() + ") serves");
        out.flush();
        return ExitCode.OK;
    }

    private static void finish(RunLayout layout, ReleaseState live) {
        new ReleaseState(live.live(), live.liveVersion(), null, null, 0, "idle", -1).write(layout.runDir());
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new ExitException(ExitCode.STATE_UNUSABLE, "cannot delete " + file + ": " + e.getMessage(), e);
        }
    }

    /** Records each weight change in the state file, so `status` shows the release's step. */
    private record Tracking(LiveRelease release, ReleaseState state, Path runDir) implements ReleaseRun.Actions {
        @Override
        public List<String> smokeTest() {
            return release.smokeTest();
        }

        @Override
        public void setWeights(int percentToNewUnit) {
            release.setWeights(percentToNewUnit);
            state.at(percentToNewUnit == 0 ? "rolling back" : "at " + percentToNewUnit + " %", percentToNewUnit)
                    .write(runDir);
        }

        @Override
        public java.util.Map<String, dev.citadel.cli.release.OriginStats> scrape() {
            return release.scrape();
        }

        @Override
        public void soak(Duration window) throws InterruptedException {
            release.soak(window);
        }

        @Override
        public java.util.Map<String, String> newUnitHealth() {
            return release.newUnitHealth();
        }

        @Override
        public boolean rollbackRequested() {
            return release.rollbackRequested();
        }

        @Override
        public String destroyNewUnit() {
            return release.destroyNewUnit();
        }

        @Override
        public String drainAndDestroyOldUnit() {
            state.at("draining the old unit", 100).write(runDir);
            return release.drainAndDestroyOldUnit();
        }
    }

    @Override
    public Path runDir() {
        return topology.runDir();
    }
}
