package dev.citadel.testkit;

import dev.citadel.platform.engines.CassandraNodeSpec;
import dev.citadel.platform.engines.DataTier;
import dev.citadel.platform.engines.DataTierSpec;
import dev.citadel.platform.engines.KafkaBrokerSpec;
import dev.citadel.platform.engines.ProgressListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One data tier per test JVM, started lazily on first use and stopped by a JVM shutdown hook:
 * Cassandra data centres {@code dc1} and {@code dc2} (one node each) and one Kafka broker, all with
 * TLS and authentication. Failsafe runs all IT classes of a module in one JVM, so they share it.
 *
 * <pre>{@code
 * class CatalogRepositoryIT {
 *     static final TestEngines ENGINES = SharedEngines.get();
 *     ...
 * }
 * }</pre>
 *
 * System properties: {@code citadel.testkit.dir} (default {@code target/engines}, relative to the
 * module), {@code citadel.testkit.cassandraHeapMb} (default 512), {@code citadel.testkit.kafkaHeapMb}
 * (default 384). A start failure is remembered: later callers fail at once with the same cause
 * instead of waiting for another start.
 */
public final class SharedEngines {

    public static final String BROKER = "kafka-test";
    private static final Logger LOG = LoggerFactory.getLogger(SharedEngines.class);
    private static TestEngines instance;
    private static RuntimeException failure;

    private SharedEngines() {
    }

    public static synchronized TestEngines get() {
        if (instance != null) {
            return instance;
        }
        if (failure != null) {
            throw new IllegalStateException("the shared engines failed to start earlier in this JVM", failure);
        }
        try {
            instance = start();
            return instance;
        } catch (RuntimeException e) {
            failure = e;
            throw e;
        }
    }

    private static TestEngines start() {
        Path base = Path.of(System.getProperty("citadel.testkit.dir", "target/engines")).toAbsolutePath();
        StaleRuns.clean(base);
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path runDir = base.resolve("run-" + stamp + "-" + ProcessHandle.current().pid());
        DataTierSpec spec = defaultSpec(runDir, new LoopbackAllocator(),
                Integer.getInteger("citadel.testkit.cassandraHeapMb", 512),
                Integer.getInteger("citadel.testkit.kafkaHeapMb", 384));
        StaleRuns.markOwner(runDir);
        LOG.info("Starting shared test engines in {}", runDir);
        DataTier tier = DataTier.start(spec, ProgressListener.logging(LOG));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("Stopping shared test engines");
            tier.stop();
        }, "citadel-testkit-shutdown"));
        return new TestEngines(tier, BROKER);
    }

    static DataTierSpec defaultSpec(Path runDir, LoopbackAllocator allocator, int cassandraHeapMb, int kafkaHeapMb) {
        List<String> addresses = allocator.addresses(3, CassandraNodeSpec.DEFAULT_NATIVE_PORT,
                CassandraNodeSpec.DEFAULT_STORAGE_PORT, KafkaBrokerSpec.DEFAULT_CLIENT_PORT,
                KafkaBrokerSpec.DEFAULT_CONTROLLER_PORT);
        String seed = addresses.get(0);
        CassandraNodeSpec dc1 = CassandraNodeSpec.of("cassandra-dc1", "dc1", addresses.get(0), List.of(seed),
                LoopbackAllocator.freePort(), runDir.resolve("cassandra/cassandra-dc1")).withHeapMb(cassandraHeapMb);
        CassandraNodeSpec dc2 = CassandraNodeSpec.of("cassandra-dc2", "dc2", addresses.get(1), List.of(seed),
                LoopbackAllocator.freePort(), runDir.resolve("cassandra/cassandra-dc2")).withHeapMb(cassandraHeapMb);
        KafkaBrokerSpec broker = new KafkaBrokerSpec(BROKER, addresses.get(2), KafkaBrokerSpec.DEFAULT_CLIENT_PORT,
                KafkaBrokerSpec.DEFAULT_CONTROLLER_PORT, 1, kafkaHeapMb, runDir.resolve("kafka/" + BROKER));
        return new DataTierSpec("citadel-test", List.of(dc1, dc2), List.of(broker), runDir);
    }

    static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
