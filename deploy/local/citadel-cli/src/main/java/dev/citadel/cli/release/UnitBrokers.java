package dev.citadel.cli.release;

import dev.citadel.cli.provision.KafkaPlan;
import dev.citadel.cli.provision.StampProvisioner;
import dev.citadel.cli.services.RunLayout;
import dev.citadel.cli.supervisor.ProcessRecord;
import dev.citadel.cli.supervisor.RunState;
import dev.citadel.cli.supervisor.StateStore;
import dev.citadel.cli.topology.Topology;
import dev.citadel.cli.topology.Topology.KafkaBroker;
import dev.citadel.cli.topology.Topology.Region;
import dev.citadel.platform.engines.DataTier;
import dev.citadel.platform.engines.EngineKind;
import dev.citadel.platform.engines.EngineStatus;
import dev.citadel.platform.engines.KafkaBrokerSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * A release unit's stamp-private Kafka brokers ({@code kafka-region1-b}): added to the running data tier, provisioned
 * like {@code up} provisions the first (topics, SCRAM users with the services' passwords, ACLs) and recorded in
 * {@code citadel-state.json}, so the engine supervisor restarts a broker that dies and {@code down} stops it. A unit
 * that leaves first lets its processor finish the topic ({@link #awaitDrained}), then its broker goes.
 */
final class UnitBrokers {

    private static final Duration ADMIN_CALL = Duration.ofSeconds(10);

    private final Topology topology;
    private final RunLayout layout;
    private final Consumer<String> say;
    /**
     * Attached once: the instance that stops a broker is the one watching it, so a stop is not reported as a crash.
     * Never closed (closing stops the engines).
     */
    private DataTier tier;

    UnitBrokers(Topology topology, RunLayout layout, Consumer<String> say) {
        this.topology = topology;
        this.layout = layout;
        this.say = say;
    }

    /** Starts, provisions and records {@code unit}'s broker of every region. */
    void start(ReleaseUnit unit) {
        DataTier tier = tier();
        Topology placed = unit.place(topology);
        for (Region region : placed.regions()) {
            String name = unit.broker(region.name());
            if (tier.spec().kafkaBroker(name).isPresent()) {
                // Left by a release that was interrupted: what it held was never served.
                say.accept(name + " is left from an earlier release; replacing it");
                forget(name);
                tier.removeKafka(name);
            }
            KafkaBrokerSpec spec = spec(tier, unit, region);
            long t0 = System.nanoTime();
            tier.addKafka(spec);
            record(tier, name, region.name());
            StampProvisioner.kafka(tier.kafka(name), layout, region, say::accept);
            say.accept(String.format(Locale.ROOT, "%s ready at %s in %.1f s (topics, users and ACLs provisioned)",
                    name, spec.bootstrapServers(), (System.nanoTime() - t0) / 1e9));
        }
    }

    /** A unit's broker beside another unit's: same ports and node id, its own address, directory and cluster. */
    private KafkaBrokerSpec spec(DataTier tier, ReleaseUnit unit, Region placed) {
        String name = unit.broker(placed.name());
        int nodeId = tier.spec().kafkaBroker(unit.other().broker(placed.name())).map(KafkaBrokerSpec::nodeId)
                .orElse(1);
        KafkaBroker k = placed.kafka();
        return new KafkaBrokerSpec(name, k.address(), k.port(), k.controllerPort(), nodeId, k.heapMb(),
                layout.runDir().resolve("nodes").resolve(name));
    }

    /**
     * Waits until the processor group has committed everything on {@code unit}'s brokers, at most {@code bound} per
     * broker; one line per broker for the timeline.
     */
    List<String> awaitDrained(ReleaseUnit unit, Duration bound) throws InterruptedException {
        DataTier tier = tier();
        List<String> report = new ArrayList<>();
        for (Region region : topology.regions()) {
            String name = unit.broker(region.name());
            if (tier.spec().kafkaBroker(name).isEmpty()) {
                continue;
            }
            long t0 = System.nanoTime();
            long deadline = t0 + bound.toNanos();
            long lag;
            try (Admin admin = tier.kafka(name).admin()) {
                lag = lag(admin);
                while (lag > 0 && System.nanoTime() < deadline) {
                    Thread.sleep(250);
                    lag = lag(admin);
                }
            } catch (RuntimeException e) {
                report.add(name + " lag unknown (" + e.getMessage() + ")");
                continue;
            }
            String took = String.format(Locale.ROOT, "%.1f s", (System.nanoTime() - t0) / 1e9);
            report.add(lag == 0 ? name + " drained (lag 0) in " + took
                    : name + " still " + lag + " behind after " + took);
        }
        return report;
    }

    /** Stops {@code unit}'s brokers and takes them out of the supervisor's record and the tier. */
    void remove(ReleaseUnit unit) {
        DataTier tier = tier();
        for (Region region : topology.regions()) {
            String name = unit.broker(region.name());
            if (tier.spec().kafkaBroker(name).isPresent()) {
                // Out of the record first: the supervisor must not take the stop for a crash and restart it.
                forget(name);
                tier.removeKafka(name);
                say.accept(name + " stopped and removed");
            }
        }
    }

    private synchronized DataTier tier() {
        if (tier == null) {
            tier = DataTier.attach(layout.runDir());
        }
        return tier;
    }

    private static long lag(Admin admin) {
        try {
            String topic = KafkaPlan.TOPIC;
            TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames()
                    .get(ADMIN_CALL.toSeconds(), TimeUnit.SECONDS).get(topic);
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            description.partitions().forEach(p -> latest.put(new TopicPartition(topic, p.partition()),
                    OffsetSpec.latest()));
            Map<TopicPartition, Long> ends = new HashMap<>();
            admin.listOffsets(latest).all().get(ADMIN_CALL.toSeconds(), TimeUnit.SECONDS)
                    .forEach((tp, info) -> ends.put(tp, info.offset()));
            Map<TopicPartition, Long> committed = new HashMap<>();
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(KafkaPlan.PROCESSOR_GROUP)
                    .partitionsToOffsetAndMetadata().get(ADMIN_CALL.toSeconds(), TimeUnit.SECONDS);
            offsets.forEach((tp, o) -> {
                if (o != null) {
                    committed.put(tp, o.offset());
                }
            });
            return GroupLag.of(ends, committed);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(e.getCause() == null ? e.toString() : e.getCause().toString(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private void record(DataTier tier, String name, String region) {
        EngineStatus status = tier.processes().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
        ProcessRecord record = new ProcessRecord(name, region, EngineKind.KAFKA, status.address(), status.pid(),
                status.logFile().toString());
        StateStore store = StateStore.in(layout.runDir());
        store.update(state -> {
            List<ProcessRecord> processes = new ArrayList<>(state.processes().stream()
                    .filter(p -> !p.name().equals(name)).toList());
            processes.add(record);
            return new RunState(state.clusterName(), state.topology(), state.startedAt(), processes);
        }).orElseThrow(() -> new IllegalStateException("no " + store.file()));
    }

    private void forget(String name) {
        StateStore.in(layout.runDir()).update(state -> new RunState(state.clusterName(), state.topology(),
                state.startedAt(), state.processes().stream().filter(p -> !p.name().equals(name)).toList()));
    }
}
