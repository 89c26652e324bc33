package dev.citadel.platform.engines;

import dev.citadel.platform.engines.cassandra.CassandraAccess;
import dev.citadel.platform.engines.cassandra.CassandraJmx;
import dev.citadel.platform.engines.kafka.KafkaAccess;
import dev.citadel.platform.engines.process.EngineProcess;
import dev.citadel.platform.pki.SecureFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running data tier: real Cassandra nodes and Kafka brokers as child JVMs, TLS and authentication
 * on every connection. {@link #start} launches it; {@link #attach} finds one that an earlier process
 * started (through {@code tier.properties} in the run dir).
 *
 * <pre>{@code
 * DataTier tier = DataTier.start(spec, ProgressListener.NONE);
 * try (CqlSession s = tier.cassandra().session("dc1")) { ... }
 * Properties props = tier.kafka("kafka-a").adminProperties();
 * tier.stop();
 * }</pre>
 */
public final class DataTier implements AutoCloseable {

    /** Per engine. Generous: on a 2-core machine shared with builds, a Cassandra node has needed 5 minutes. */
    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(600);
    private static final Logger LOG = LoggerFactory.getLogger(DataTier.class);

    /** Replaced (never mutated) when a broker joins or leaves a running tier. */
    private volatile DataTierSpec spec;
    private final TierMaterials materials;
    private final CassandraLauncher cassandra;
    private final KafkaLauncher kafka;
    private final Map<String, EngineProcess> processes = new LinkedHashMap<>();
    private volatile boolean cassandraSecured;
    private volatile boolean stopping;
    /** A failed start: its start threads may still run, and must launch nothing more. */
    private volatile boolean abandoned;
    private Duration startTimeout = DEFAULT_START_TIMEOUT;

    private DataTier(DataTierSpec spec, TierMaterials materials, boolean cassandraSecured) {
        this.spec = spec;
        this.materials = materials;
        this.cassandra = new CassandraLauncher(spec, materials);
        this.kafka = new KafkaLauncher(spec, materials);
        this.cassandraSecured = cassandraSecured;
    }

    /**
     * Starts every engine of {@code spec} and returns once all are ready. Reuses the CA, credentials
     * and data found under the run dir (a warm start). On failure, stops what it started and throws.
     */
    public static DataTier start(DataTierSpec spec, ProgressListener progress) {
        return start(spec, progress, DEFAULT_START_TIMEOUT);
    }

    /** Like {@link #start(DataTierSpec, ProgressListener)} with another readiness timeout per engine. */
    public static DataTier start(DataTierSpec spec, ProgressListener progress, Duration startTimeout) {
        // The run dir holds keys, passwords and configs that embed them: owner-only, or crossed by path only when the
        // engines run as their own accounts (each owning its own directory below it).
        SecureFiles.ownerOnlyDirectory(spec.runDir());
        if (spec.separateUsers()) {
            EngineAccounts.openSharedPaths(spec);
        }
        try {
            Files.createDirectories(spec.logDir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + spec.logDir(), e);
        }
        boolean secured = false;
        if (Files.exists(TierState.file(spec.runDir()))) {
            Properties previous = TierState.read(spec.runDir());
            refuseIfRunning(TierState.pids(previous));
            secured = TierState.cassandraSecured(previous);
        }
        progress.onProgress("Preparing certificates and credentials in " + spec.runDir());
        DataTier tier = new DataTier(spec, TierMaterials.loadOrCreate(spec), secured);
        tier.startTimeout = startTimeout;
        try {
            new TierStartup(tier, tier.cassandra, tier.kafka, tier.startTimeout).run(progress);
            return tier;
        } catch (RuntimeException e) {
            progress.onProgress("Start failed; stopping what was started");
            tier.abandoned = true;
            tier.stop();
            throw e;
        }
    }

    /** Attaches to a tier started earlier (possibly by another process) from its run dir. */
    public static DataTier attach(Path runDir) {
        Path dir = runDir.toAbsolutePath().normalize();
        Properties state = TierState.read(dir);
        DataTierSpec spec = TierState.spec(state, dir);
        DataTier tier = new DataTier(spec, TierMaterials.loadOrCreate(spec), TierState.cassandraSecured(state));
        TierState.pids(state).forEach((name, pid) -> EngineProcess.attach(name, pid, spec.logFile(name))
                .ifPresent(p -> tier.track(p)));
        return tier;
    }

    private static void refuseIfRunning(Map<String, Long> pids) {
        pids.forEach((name, pid) -> {
            if (EngineProcess.isEngine(pid, name)) {
                throw new IllegalStateException("engine " + name + " of this run dir is still running (pid " + pid
                        + "); attach to it or stop it first");
            }
        });
    }

    synchronized EngineProcess track(EngineProcess process) {
        if (stopping) {
            // A start thread launched this after a failure elsewhere began the shutdown: no orphans.
            process.stop();
            throw new IllegalStateException("data tier is stopping; not starting " + process.name());
        }
        processes.put(process.name(), process);
        process.onUnexpectedExit(p -> LOG.warn("engine {} (pid {}) died unexpectedly; log: {}", p.name(), p.pid(), p.logFile()));
        saveState();
        return process;
    }

    boolean cassandraSecured() {
        return cassandraSecured;
    }

    void markCassandraSecured() {
        cassandraSecured = true;
        saveState();
    }

    private synchronized void saveState() {
        Map<String, Long> pids = new LinkedHashMap<>();
        processes.forEach((name, p) -> {
            if (p.isAlive()) {
                pids.put(name, p.pid());
            }
        });
        TierState.write(spec.runDir(), spec, pids, cassandraSecured);
    }

    public DataTierSpec spec() {
        return spec;
    }

    public Path runDir() {
        return spec.runDir();
    }

    /** Contact points, admin credential and truststore of the Cassandra cluster. */
    public CassandraAccess cassandra() {
        return cassandra.access();
    }

    /** How an operator reaches one node's JMX: address, TLS truststore, the {@code operator} user's password. */
    public CassandraJmx cassandraJmx(String nodeName) {
        return cassandra.jmx(node(nodeName));
    }

    /**
     * The command line that runs {@code nodetool args...} against one node (TLS, the operator's credentials from the
     * node's files; no secret on the command line). The node must have been started once from this run dir.
     */
    public List<String> nodetoolCommand(String nodeName, List<String> args) {
        return cassandra.nodetool(node(nodeName), args);
    }

    /**
     * Runs a full repair ({@code nodetool repair -full}) of every replicated keyspace on one node, so a node that was
     * down catches up with the other data centres. Hints replay most of what it missed, but they are best effort
     * (a hint can be lost with the coordinator that held it, or never written for a mutation in flight when the node
     * died): repair is Cassandra's anti-entropy guarantee. nodetool's output goes to {@code logs/<node>-repair.log}.
     * Returns nodetool's exit code, or -1 when it did not finish within {@code timeout} (it is then stopped).
     */
    public int repairCassandra(String nodeName, Duration timeout) {
        node(nodeName);
        Path log = spec.logDir().resolve(nodeName + "-repair.log");
        ProcessBuilder builder = new ProcessBuilder(nodetoolCommand(nodeName, List.of("repair", "-full")))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        try {
            Process nodetool = builder.start();
            if (!nodetool.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                nodetool.destroyForcibly();
                return -1;
            }
            return nodetool.exitValue();
        } catch (IOException e) {
            throw new UncheckedIOException("nodetool repair of " + nodeName + " did not start", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Bootstrap servers, admin credential and truststore of one broker. */
    public KafkaAccess kafka(String brokerName) {
        return kafka.access(broker(brokerName));
    }

    /** What runs where, one row per engine of the spec. */
    public synchronized List<EngineStatus> processes() {
        List<EngineStatus> rows = new ArrayList<>();
        for (CassandraNodeSpec n : spec.cassandraNodes()) {
            rows.add(status(n.name(), EngineKind.CASSANDRA, n.listenAddress() + ":" + n.nativePort()));
        }
        for (KafkaBrokerSpec b : spec.kafkaBrokers()) {
            rows.add(status(b.name(), EngineKind.KAFKA, b.bootstrapServers()));
        }
        return rows;
    }

    private EngineStatus status(String name, EngineKind kind, String address) {
        EngineProcess p = processes.get(name);
        return new EngineStatus(name, kind, p == null ? -1 : p.pid(), address, spec.logFile(name), p != null && p.isAlive());
    }

    /** The process of one engine, e.g. to watch it ({@link EngineProcess#onUnexpectedExit}) or kill it in a test. */
    public synchronized Optional<EngineProcess> process(String name) {
        return Optional.ofNullable(processes.get(name));
    }

    public void stopKafka(String name) {
        broker(name);
        stopOne(name);
    }

    /** Starts one broker again (its data is kept) and waits until it is ready. */
    public void startKafka(String name) {
        KafkaBrokerSpec broker = broker(name);
        requireStopped(name);
        EngineProcess p = track(kafka.launch(broker));
        kafka.awaitReady(p, broker, startTimeout);
    }

    /**
     * Adds one more broker (a cluster of its own) to this running tier, launches it (formatting its storage on first
     * start) and waits until it is ready. {@code tier.properties} names it from then on, so a later {@link #attach}
     * can restart and stop it. Used for a second release unit's stamp-private broker.
     */
    public void addKafka(KafkaBrokerSpec broker) {
        synchronized (this) {
            if (spec.kafkaBroker(broker.name()).isPresent() || spec.cassandraNode(broker.name()).isPresent()) {
                throw new IllegalArgumentException("engine '" + broker.name() + "' is already part of " + this);
            }
            List<KafkaBrokerSpec> brokers = new ArrayList<>(spec.kafkaBrokers());
            brokers.add(broker);
            spec = new DataTierSpec(spec.clusterName(), spec.cassandraNodes(), brokers, spec.runDir(),
                    spec.namespaces(), spec.separateUsers());
            saveState();
        }
        try {
            startKafka(broker.name());
        } catch (RuntimeException e) {
            try {
                removeKafka(broker.name());
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    /**
     * Stops one broker and drops it from the tier. Its data directory stays: what its dead-letter topic holds can
     * still be read, and a broker added again under the same name resumes from it.
     */
    public void removeKafka(String name) {
        broker(name);
        stopOne(name);
        synchronized (this) {
            processes.remove(name);
            spec = new DataTierSpec(spec.clusterName(), spec.cassandraNodes(),
                    spec.kafkaBrokers().stream().filter(b -> !b.name().equals(name)).toList(), spec.runDir(),
                    spec.namespaces(), spec.separateUsers());
            saveState();
        }
    }

    public void stopCassandra(String name) {
        node(name);
        stopOne(name);
    }

    /** Starts one Cassandra node again (its data is kept) and waits until its data centre is ready. */
    public void startCassandra(String name) {
        CassandraNodeSpec node = node(name);
        requireStopped(name);
        EngineProcess p = track(cassandra.launch(node));
        cassandra.awaitListening(p, node, startTimeout);
        cassandra.awaitReady(p, node, startTimeout);
    }

    /**
     * Stops every engine gracefully (SIGTERM, SIGKILL after 30 s), all in parallel: nothing in the tier
     * depends on another engine being up while it shuts down, and a test JVM's shutdown hook is short.
     */
    public void stop() {
        List<EngineProcess> all = new ArrayList<>();
        synchronized (this) {
            stopping = true;
            spec.kafkaBrokers().forEach(b -> Optional.ofNullable(processes.get(b.name())).ifPresent(all::add));
            spec.cassandraNodes().forEach(n -> Optional.ofNullable(processes.get(n.name())).ifPresent(all::add));
        }
        stopAll(all);
        synchronized (this) {
            stopping = abandoned;
            saveState();
        }
    }

    @Override
    public void close() {
        stop();
    }

    private static void stopAll(List<EngineProcess> list) {
        CompletableFuture.allOf(list.stream().map(p -> CompletableFuture.runAsync(p::stop)).toArray(CompletableFuture[]::new))
                .join();
    }

    private void stopOne(String name) {
        EngineProcess p;
        synchronized (this) {
            p = processes.get(name);
        }
        if (p != null) {
            p.stop();
        }
        saveState();
    }

    private synchronized void requireStopped(String name) {
        EngineProcess p = processes.get(name);
        if (p != null && p.isAlive()) {
            throw new IllegalStateException(name + " is already running (pid " + p.pid() + ")");
        }
    }

    private KafkaBrokerSpec broker(String name) {
        return spec.kafkaBroker(name).orElseThrow(() -> new IllegalArgumentException("no Kafka broker '" + name + "'"));
    }

    private CassandraNodeSpec node(String name) {
        return spec.cassandraNode(name).orElseThrow(() -> new IllegalArgumentException("no Cassandra node '" + name + "'"));
    }

    @Override
    public String toString() {
        return "DataTier[" + spec.clusterName() + " in " + spec.runDir() + "]";
    }
}
