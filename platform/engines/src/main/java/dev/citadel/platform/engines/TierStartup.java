package dev.citadel.platform.engines;

import dev.citadel.platform.engines.process.EngineProcess;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The start sequence of a whole tier: Kafka brokers on one thread, Cassandra nodes on another (seeds,
 * then the others once a seed listens, then first-start hardening, then readiness per data centre).
 */
final class TierStartup {

    private final DataTier tier;
    private final CassandraLauncher cassandra;
    private final KafkaLauncher kafka;
    private final Duration startTimeout;

    TierStartup(DataTier tier, CassandraLauncher cassandra, KafkaLauncher kafka, Duration startTimeout) {
        this.tier = tier;
        this.cassandra = cassandra;
        this.kafka = kafka;
        this.startTimeout = startTimeout;
    }

    void run(ProgressListener progress) {
        Instant t0 = Instant.now();
        // Kafka and Cassandra start side by side; the first failure of either ends the wait at once
        // (start() then stops everything, which makes the other side fail fast too).
        CompletableFuture<Void> failure = new CompletableFuture<>();
        CompletableFuture<Void> brokers = onOwnThread("kafka", () -> startBrokers(progress), failure);
        CompletableFuture<Void> nodes = onOwnThread("cassandra", () -> startCassandra(progress), failure);
        try {
            CompletableFuture.anyOf(CompletableFuture.allOf(brokers, nodes), failure).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
        progress.onProgress("Data tier ready in " + Duration.between(t0, Instant.now()).toSeconds() + " s");
    }

    private static CompletableFuture<Void> onOwnThread(String what, Runnable task, CompletableFuture<Void> failure) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                task.run();
                done.complete(null);
            } catch (Throwable e) {
                done.completeExceptionally(e);
                failure.completeExceptionally(e);
            }
        }, "citadel-start-" + what);
        thread.setDaemon(true);
        thread.start();
        return done;
    }

    private void startBrokers(ProgressListener progress) {
        for (KafkaBrokerSpec broker : tier.spec().kafkaBrokers()) {
            progress.onProgress("Starting Kafka broker " + broker.name() + " on " + broker.bootstrapServers());
            EngineProcess p = tier.track(kafka.launch(broker));
            kafka.awaitReady(p, broker, startTimeout);
            progress.onProgress("Kafka broker " + broker.name() + " ready");
        }
    }

    private void startCassandra(ProgressListener progress) {
        if (tier.spec().cassandraNodes().isEmpty()) {
            return;
        }
        List<CassandraNodeSpec> seeds = tier.spec().cassandraNodes().stream().filter(CassandraNodeSpec::isSeed).toList();
        List<CassandraNodeSpec> others = tier.spec().cassandraNodes().stream().filter(n -> !n.isSeed()).toList();
        for (CassandraNodeSpec node : seeds) {
            progress.onProgress("Starting Cassandra seed " + node.name() + " (" + node.dataCenter() + ") on " + node.listenAddress());
            tier.track(cassandra.launch(node));
        }
        for (CassandraNodeSpec node : seeds) {
            cassandra.awaitListening(tier.process(node.name()).orElseThrow(), node, startTimeout);
        }
        // Non-seeds join once a seed answers, so they find the ring through gossip straight away.
        for (CassandraNodeSpec node : others) {
            progress.onProgress("Starting Cassandra node " + node.name() + " (" + node.dataCenter() + ") on " + node.listenAddress());
            tier.track(cassandra.launch(node));
        }
        for (CassandraNodeSpec node : others) {
            cassandra.awaitListening(tier.process(node.name()).orElseThrow(), node, startTimeout);
        }
        if (!tier.cassandraSecured()) {
            progress.onProgress("Securing Cassandra: admin superuser, default superuser disabled");
            cassandra.secure(startTimeout);
            tier.markCassandraSecured();
        }
        for (String dc : tier.spec().dataCenters()) {
            CassandraNodeSpec node = tier.spec().nodesIn(dc).get(0);
            cassandra.awaitReady(tier.process(node.name()).orElseThrow(), node, startTimeout);
            progress.onProgress("Cassandra data centre " + dc + " ready");
        }
    }
}
