package dev.citadel.cli;

import dev.citadel.cli.engines.CliLogging;
import dev.citadel.cli.network.Isolation;
import dev.citadel.cli.network.IsolationMarker;
import dev.citadel.cli.network.NetworkPlan;
import dev.citadel.cli.network.NetworkSetup;
import dev.citadel.cli.plan.DataTierPlan;
import dev.citadel.cli.services.ClassDataSharing;
import dev.citadel.cli.services.JarSnapshot;
import dev.citadel.cli.services.JsonFiles;
import dev.citadel.cli.services.RunLayout;
import dev.citadel.cli.services.ServiceAdoption;
import dev.citadel.cli.services.ProcessIdentities;
import dev.citadel.cli.services.ServiceJava;
import dev.citadel.cli.services.ServicePlan;
import dev.citadel.cli.services.ServiceRows;
import dev.citadel.cli.services.ServicesWaiter;
import dev.citadel.cli.services.SupervisorProcess;
import dev.citadel.cli.status.StatusRow;
import dev.citadel.cli.status.StatusTable;
import dev.citadel.cli.supervisor.DataTierSupervisor;
import dev.citadel.cli.supervisor.Progress;
import dev.citadel.cli.supervisor.ProgressPrinter;
import dev.citadel.cli.provision.StampProvisioner;
import dev.citadel.cli.release.ReleaseState;
import dev.citadel.cli.release.ReleaseUnit;
import dev.citadel.cli.release.ServingUnit;
import dev.citadel.cli.topology.Topology;
import dev.citadel.cli.topology.TopologyLoader;
import dev.citadel.platform.engines.process.EngineProcess;
import dev.citadel.platform.engines.process.LaunchPrefix;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code citadel up}: the whole topology in the background (or report it, if it already runs). */
@Command(name = "up", mixinStandardHelpOptions = true,
        description = {"Starts Cassandra and Kafka for every region, generates certificates, credentials and the "
                + "schema, then every stamp's services and the edge under a detached supervisor; waits until all "
                + "are ready, prints the status table and the URL, and exits, leaving them running.",
                "Running it again while everything runs starts nothing and prints the status; otherwise it starts only "
                        + "what is missing or dead.",
                "After a release it keeps to the release unit that serves (unit b: its services, jars and Kafka "
                        + "brokers); while a release is in progress it starts nothing."})
public final class UpCommand implements Callable<Integer>, OutputOptions.Aware {

    @Spec
    CommandSpec spec;

    @Mixin
    TopologyOptions topology;

    @Mixin
    OutputOptions output;

    @Option(names = "--ready-timeout", paramLabel = "SECONDS", defaultValue = "300",
            description = "How long each engine, and then the services together, may take to become ready "
                    + "(default: ${DEFAULT-VALUE}); raise it on a slow or busy machine.")
    int readyTimeoutSeconds;

    @Option(names = "--data-tier-only",
            description = "Start only Cassandra and Kafka (no services, no edge).")
    boolean dataTierOnly;

    @Option(names = "--isolated",
            description = "Isolated mode (root): every zone a network namespace behind one nftables router, only "
                    + "the designed flows allowed; engines and services run in their zones, this CLI in the management "
                    + "zone.")
    boolean isolated;

    @Option(names = "--network-only",
            description = "With --isolated: build the zones, veths, addresses and rules, start nothing.")
    boolean networkOnly;

    @Option(names = "--netns-prefix", paramLabel = "NAME", defaultValue = "citadel",
            description = "With --isolated: namespaces are named <NAME>-<zone> (default: ${DEFAULT-VALUE}).")
    String netnsPrefix;

    private final SupervisorFactory supervisors;

    public UpCommand() {
        this(SupervisorFactory.ENGINES);
    }

    UpCommand(SupervisorFactory supervisors) {
        this.supervisors = supervisors;
    }

    @Override
    public Integer call() {
        if (readyTimeoutSeconds < 10) {
            throw new ParameterException(spec.commandLine(), "--ready-timeout must be at least 10 seconds");
        }
        PrintWriter out = spec.commandLine().getOut();
        if (isolated || networkOnly) {
            requireIsolationOptions();
        }
        ServingUnit serving = ServingUnit.of(topology.runDir());
        refuseDuringRelease(serving);
        ReleaseUnit unit = serving.unit();
        Topology topo = TopologyLoader.load(topology.topology());
        Isolation isolation = null;
        if (isolated) {
            isolation = new Isolation(netnsPrefix, NetworkPlan.of(topo));
            if (!isolation.insideManagement()) {
                // The network is built from the root namespace; the rest runs in the management zone.
                return upIsolatedNetwork(isolation, out);
            }
            topo = isolation.plan().place(topo);
        } else if (IsolationMarker.read(topology.runDir()).isPresent()) {
            throw new ParameterException(spec.commandLine(), "the run directory " + topology.runDir() + " is an "
                    + "isolated run: `up --isolated` to start it again, or `down` first to run it on loopback");
        }
        ProcessIdentities identities = ProcessIdentities.current();
        if (identities.separate()) {
            ProcessIdentities.blockingParent(topology.runDir(), UpCommand::mode).ifPresent(p -> {
                throw new ExitException(ExitCode.STATE_UNUSABLE, "the run directory " + topology.runDir()
                        + " is not reachable by the components' own accounts: " + p + " lets no other user cross it "
                        + "(o+x); choose a --run-dir below directories others may cross");
            });
        }
        if (!identities.separate() && !output.quiet()) {
            out.println(ProcessIdentities.SHARED_MODE_NOTICE);
            out.flush();
        }
        // After a release the serving unit's brokers are the data tier's (kafka-region1-b at its own address).
        DataTierPlan plan = DataTierPlan.of(unit.place(topo), topology.runDir(), unit.suffix());
        if (isolation != null) {
            plan = plan.inNamespaces(isolation.engineNamespaces(topo));
        }
        RunLayout layout = new RunLayout(plan.runDir());
        Progress progress = output.quiet() ? Progress.SILENT : new ProgressPrinter(out);
        boolean supervised = SupervisorProcess.alive(layout);
        boolean servicesRunning = !dataTierOnly && supervised;
        // Services that outlived a supervisor killed outright: kept if unchanged (startServices decides).
        Map<String, Long> orphans = dataTierOnly || servicesRunning ? Map.of() : SupervisorProcess.livingServices(layout);
        // The zones of an isolated run were just made, empty: nothing can listen there yet.
        if (!dataTierOnly && !servicesRunning && isolation == null) {
            ServicePorts.requireFree(topo, unit, orphans.keySet());
        }
        DataTierSupervisor supervisor = supervisors.create(plan.runDir());
        Duration timeout = Duration.ofSeconds(readyTimeoutSeconds);
        // A running supervisor restarts dead engines itself; `up` must not race it for the same engine.
        DataTierSupervisor.UpResult result = supervisor.up(plan, topology.topology().toString(), timeout, supervised,
                progress);
        boolean nothingStarted = result.alreadyRunning() && (dataTierOnly || servicesRunning);
        if (!dataTierOnly && !nothingStarted) {
            if (servicesRunning) {
                // The data tier was restarted beneath running services: start them afresh too.
                SupervisorProcess.stop(layout, progress);
            }
            startServices(topo, unit, isolation, layout, timeout, orphans, identities, progress);
        }
        if (!output.quiet()) {
            if (nothingStarted) {
                out.println("already running (run directory " + plan.runDir() + "); nothing started");
            }
            List<StatusRow> rows = new ArrayList<>(supervisor.status(SupervisorProcess.alive(layout)));
            rows.addAll(ServiceRows.of(layout));
            out.print(StatusTable.render(rows));
            if (!dataTierOnly) {
                out.println();
                if (isolation == null) {
                    out.println("Open https://localhost:" + topo.edge().port() + "/  (certificate issued by "
                            + layout.stampCaPem() + ")");
                } else {
                    out.println("From the internet zone: ip netns exec " + isolation.prefix() + "-internet curl --cacert "
                            + layout.stampCaPem() + " https://" + topo.edge().address() + ":" + topo.edge().port()
                            + "/");
                }
                out.println("API key (X-API-KEY) in " + layout.tierSecrets().resolve(StampProvisioner.RELEASE_API_KEY));
            }
            out.flush();
        }
        return ExitCode.OK;
    }

    /**
     * While a release runs it owns the plan, the edge's weights and the new unit's broker; {@code up} would race it.
     * Says what ends the release: the release itself, its rollback (which needs the supervisor), or {@code down}.
     */
    private void refuseDuringRelease(ServingUnit serving) {
        if (!serving.releaseInProgress()) {
            return;
        }
        ReleaseState release = serving.release().orElseThrow();
        boolean driving = release.pid() > 0 && ProcessHandle.of(release.pid()).map(ProcessHandle::isAlive).orElse(false);
        String how = driving ? "wait for it to finish, or roll it back with `citadel release --rollback`"
                : SupervisorProcess.alive(new RunLayout(topology.runDir()))
                ? "its `citadel release` is gone: `citadel release --rollback` puts unit " + release.live() + " back alone"
                : "its `citadel release` and the supervisor are gone: `citadel down`, then `citadel up` (starts unit a "
                + "with the data kept)";
        throw new ExitException(ExitCode.DEGRADED, "a release to unit " + release.candidate() + " is in progress in "
                + topology.runDir() + " (pid " + release.pid() + ", " + release.phase() + "); `up` starts nothing: "
                + how);
    }

    private void requireIsolationOptions() {
        if (!isolated) {
            throw new ParameterException(spec.commandLine(), "--network-only needs --isolated");
        }
        if (!netnsPrefix.matches("[a-z][a-z0-9]{0,11}")) {
            throw new ParameterException(spec.commandLine(), "--netns-prefix must be 1-12 lower-case letters or digits, "
                    + "starting with a letter");
        }
    }

    /** Builds the zones (unless this run already lives in them), then, unless network-only, `up` in mgmt. */
    private int upIsolatedNetwork(Isolation isolation, PrintWriter out) {
        NetworkPlan plan = isolation.plan();
        NetworkSetup.requireRootAndTools();
        RunLayout layout = new RunLayout(topology.runDir());
        // Rebuilding the zones beneath running components would leave them in namespaces nobody can enter any more.
        boolean living = SupervisorProcess.alive(layout)
                && IsolationMarker.read(topology.runDir()).filter(netnsPrefix::equals).isPresent()
                && plan.namespaces(netnsPrefix).stream().allMatch(NetworkSetup::exists);
        if (!living) {
            // A network this run dir made under another prefix would otherwise outlive its marker.
            IsolationMarker.read(topology.runDir()).filter(p -> !p.equals(netnsPrefix)).ifPresent(NetworkSetup::remove);
            // Before the first namespace: a crash from here on still tells `down` what to remove.
            IsolationMarker.write(topology.runDir(), netnsPrefix);
            NetworkSetup.create(plan, netnsPrefix);
        }
        if (networkOnly) {
            if (!output.quiet()) {
                out.println("isolated network " + (living ? "already up" : "up") + ": " + plan.zones().size()
                        + " zones (" + String.join(", ", plan.namespaces(netnsPrefix)) + "), " + plan.flows().size()
                        + " designed flows; `check network` tries them");
                out.flush();
            }
            return ExitCode.OK;
        }
        out.flush();
        return isolation.reexecInManagement(SupervisorProcess.java(), SupervisorProcess.cliJar(),
                spec.root().commandLine().getParseResult().originalArgs());
    }

    private void startServices(Topology topo, ReleaseUnit unit, Isolation isolation, RunLayout layout,
                               Duration timeout, Map<String, Long> orphans, ProcessIdentities identities,
                               Progress progress) {
        // When the data tier was already running nothing has sent the drivers' logging to the file yet.
        CliLogging.toFile(layout.logFile("citadel-cli"));
        new StampProvisioner(topo, layout, progress, unit).provision();
        Path jars = JarSnapshot.copy(topology.home(), layout);
        ServiceJava serviceJava = ServiceJava.current();
        ClassDataSharing.prepare(jars, serviceJava.executable(), component -> identities.prefixOf(topo, component));
        java.util.function.BiFunction<dev.citadel.cli.services.ServiceKind, String, LaunchPrefix> zones =
                isolation == null ? (kind, region) -> LaunchPrefix.NONE : isolation::launchPrefix;
        ServicePlan services = ServicePlan.of(topo, layout, jars, serviceJava, Files::isRegularFile, zones, identities);
        if (unit != ReleaseUnit.A) {
            // The released version: the jars its release copied, not this checkout's.
            Path unitJars = layout.runDir().resolve(unit.jarsDirectory());
            if (!Files.isDirectory(unitJars)) {
                throw new ExitException(ExitCode.STATE_UNUSABLE, "release unit " + unit.label() + " serves "
                        + layout.runDir() + " but its jars are gone from " + unitJars + ": `citadel down`, then "
                        + "`citadel up` (starts unit a with the data kept)");
            }
            ClassDataSharing.prepare(unitJars, serviceJava.executable(),
                    component -> identities.prefixOf(topo, component));
            ServicePlan unitPlan = ServicePlan.of(unit.place(topo), layout, unitJars, serviceJava,
                    Files::isRegularFile, zones, identities);
            services = unit.plan(unitPlan, services, layout);
        }
        // After provisioning and the class archives: what they wrote into a service's directory is root's until now.
        identities.apply(services.services(), layout);
        services.skipped().forEach(s -> progress.step("SKIPPED " + s));
        ServiceAdoption adoption = ServiceAdoption.decide(JsonFiles.read(layout.servicesPlan(), ServicePlan.class),
                services, orphans);
        adoption.stop().forEach((name, pid) -> SupervisorProcess.stopService(name, pid, progress));
        if (!adoption.adopt().isEmpty()) {
            progress.step("keeping " + adoption.adopt().size() + " running services: "
                    + String.join(", ", adoption.adopt().keySet().stream().sorted().toList()));
        }
        JsonFiles.write(layout.servicesAdopt(), new ServiceAdoption.Adoptions(adoption.adopt()));
        JsonFiles.write(layout.servicesPlan(), services);
        SupervisorProcess.stopUnrecorded(layout, progress);
        EngineProcess supervisor = SupervisorProcess.spawn(layout);
        progress.step("supervisor started (pid " + supervisor.pid() + "); starting " + services.services().size()
                + " services");
        ServicesWaiter.await(layout, services, supervisor, timeout, progress);
        progress.step("all " + services.services().size() + " services ready");
    }

    private static java.util.Set<java.nio.file.attribute.PosixFilePermission> mode(Path p) {
        try {
            return Files.getPosixFilePermissions(p);
        } catch (java.nio.file.NoSuchFileException e) {
            // created by up, with the default mode (0755 under the usual umask)
            return java.util.EnumSet.allOf(java.nio.file.attribute.PosixFilePermission.class);
        } catch (java.io.IOException e) {
            return java.util.Set.of();
        }
    }

    @Override
    public OutputOptions output() {
        return output;
    }
}
