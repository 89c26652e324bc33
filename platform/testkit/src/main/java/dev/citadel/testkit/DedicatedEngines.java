package dev.citadel.testkit;

import dev.citadel.platform.engines.DataTier;
import dev.citadel.platform.engines.DataTierSpec;
import dev.citadel.platform.engines.KafkaBrokerSpec;
import dev.citadel.platform.engines.ProgressListener;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Engines of a test's own, for tests that break them (kill, stop, restart) without disturbing the
 * shared ones. The caller stops them; a shutdown hook does so too if the test forgets.
 *
 * <pre>{@code
 * DataTier broker = DedicatedEngines.kafka("kafka-doomed");
 * try { ... broker.process("kafka-doomed").orElseThrow().kill(); ... } finally { broker.stop(); }
 * }</pre>
 */
public final class DedicatedEngines {

    private static final Logger LOG = LoggerFactory.getLogger(DedicatedEngines.class);

    private DedicatedEngines() {
    }

    /** A single Kafka broker named {@code name}, secured like the shared one, in its own run dir. */
    public static DataTier kafka(String name) {
        Path base = Path.of(System.getProperty("citadel.testkit.dir", "target/engines")).toAbsolutePath();
        Path runDir = base.resolve("run-" + name + "-" + System.nanoTime() + "-" + ProcessHandle.current().pid());
        String host = new LoopbackAllocator().addresses(1, KafkaBrokerSpec.DEFAULT_CLIENT_PORT,
                KafkaBrokerSpec.DEFAULT_CONTROLLER_PORT).get(0);
        KafkaBrokerSpec broker = new KafkaBrokerSpec(name, host, KafkaBrokerSpec.DEFAULT_CLIENT_PORT,
                KafkaBrokerSpec.DEFAULT_CONTROLLER_PORT, 1, Integer.getInteger("citadel.testkit.kafkaHeapMb", 384),
                runDir.resolve("kafka/" + name));
        StaleRuns.markOwner(runDir);
        DataTier tier = DataTier.start(new DataTierSpec("citadel-" + name, List.of(), List.of(broker), runDir),
                ProgressListener.logging(LOG));
        Runtime.getRuntime().addShutdownHook(new Thread(tier::stop, "citadel-testkit-stop-" + name));
        return tier;
    }
}
