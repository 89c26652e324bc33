package dev.citadel.platform.engines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.citadel.platform.engines.process.EngineProcess;
import dev.citadel.testkit.DedicatedEngines;
import java.time.Duration;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Kills and restarts a dedicated broker, so the shared engines stay untouched. */
class EngineDeathIT {

    private static final String BROKER = "kafka-doomed";
    private static DataTier tier;

    @BeforeAll
    static void startDedicatedBroker() {
        tier = DedicatedEngines.kafka(BROKER);
    }

    @AfterAll
    static void stopDedicatedBroker() {
        if (tier != null) {
            tier.stop();
        }
    }

    @Test
    void brokerKilledWithSigkillIsReportedDeadAndCanBeRestarted() throws Exception {
        EngineProcess broker = tier.process(BROKER).orElseThrow();
        CopyOnWriteArrayList<EngineProcess> deaths = new CopyOnWriteArrayList<>();
        broker.onUnexpectedExit(deaths::add);
        long pid = broker.pid();

        Process kill = new ProcessBuilder("kill", "-9", Long.toString(pid)).start();
        assertThat(kill.waitFor(30, TimeUnit.SECONDS)).isTrue();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(deaths).containsExactly(broker));
        assertThat(broker.isAlive()).isFalse();
        assertThat(tier.processes()).filteredOn(s -> s.name().equals(BROKER)).singleElement()
                .satisfies(s -> assertThat(s.alive()).isFalse());

        tier.startKafka(BROKER);

        EngineProcess restarted = tier.process(BROKER).orElseThrow();
        assertThat(restarted.pid()).isNotEqualTo(pid);
        try (Admin admin = tier.kafka(BROKER).admin()) {
            assertThat(admin.describeCluster().nodes().get(60, TimeUnit.SECONDS)).hasSize(1);
        }
    }

    @Test
    void gracefulStopDoesNotCountAsUnexpectedDeath() {
        tier.process(BROKER).filter(EngineProcess::isAlive).ifPresentOrElse(p -> { }, () -> tier.startKafka(BROKER));
        EngineProcess broker = tier.process(BROKER).orElseThrow();
        CopyOnWriteArrayList<EngineProcess> deaths = new CopyOnWriteArrayList<>();
        broker.onUnexpectedExit(deaths::add);

        tier.stopKafka(BROKER);

        assertThat(broker.isAlive()).isFalse();
        assertThat(deaths).isEmpty();
        tier.startKafka(BROKER);
        assertThat(tier.process(BROKER).orElseThrow().isAlive()).isTrue();
    }

    /** A release unit's broker joins a running tier and leaves it again; the stopped broker doubles as the new one. */
    @Test
    void aBrokerLeavesTheRunningTierAndJoinsItAgainWithItsData() throws Exception {
        tier.process(BROKER).filter(EngineProcess::isAlive).ifPresentOrElse(p -> { }, () -> tier.startKafka(BROKER));
        KafkaBrokerSpec spec = tier.spec().kafkaBroker(BROKER).orElseThrow();
        tier.kafka(BROKER).createTopic("kept-across-leaving", 1);
        EngineProcess broker = tier.process(BROKER).orElseThrow();

        tier.removeKafka(BROKER);

        assertThat(broker.isAlive()).isFalse();
        assertThat(tier.spec().kafkaBroker(BROKER)).isEmpty();
        assertThat(tier.processes()).extracting(EngineStatus::name).doesNotContain(BROKER);
        // Another process (the supervisor, `down`) sees the tier without it.
        assertThat(DataTier.attach(tier.runDir()).spec().kafkaBroker(BROKER)).isEmpty();
        assertThat(spec.dir()).isDirectory();

        tier.addKafka(spec);

        assertThat(tier.process(BROKER).orElseThrow().isAlive()).isTrue();
        assertThat(DataTier.attach(tier.runDir()).spec().kafkaBroker(BROKER)).contains(spec);
        assertThatThrownBy(() -> tier.addKafka(spec)).hasMessageContaining("already part");
        try (Admin admin = tier.kafka(BROKER).admin()) {
            assertThat(admin.listTopics().names().get(60, TimeUnit.SECONDS)).contains("kept-across-leaving");
        }
    }
}
