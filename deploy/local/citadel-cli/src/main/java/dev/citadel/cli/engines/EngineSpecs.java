package dev.citadel.cli.engines;

import dev.citadel.cli.plan.DataTierPlan;
import dev.citadel.cli.plan.PlannedComponent;
import dev.citadel.platform.engines.CassandraNodeSpec;
import dev.citadel.platform.engines.DataTierSpec;
import dev.citadel.platform.engines.KafkaBrokerSpec;

/** Turns the CLI's plan into the engines' spec: a pure function, so the mapping is tested without engines. */
final class EngineSpecs {

    private EngineSpecs() {}

    static DataTierSpec of(DataTierPlan plan) {
        return of(plan, false);
    }

    /** {@code separateUsers}: each engine as its own account (the CLI runs as root). */
    static DataTierSpec of(DataTierPlan plan, boolean separateUsers) {
        return new DataTierSpec(plan.clusterName(),
                plan.cassandraNodes().stream().map(EngineSpecs::cassandra).toList(),
                plan.kafkaBrokers().stream().map(EngineSpecs::kafka).toList(),
                plan.runDir(), plan.namespaces(), separateUsers);
    }

    private static CassandraNodeSpec cassandra(PlannedComponent.Cassandra c) {
        var n = c.node();
        return new CassandraNodeSpec(c.name(), n.dataCenter(), n.rack(), n.address(), c.seeds(), n.nativePort(),
                n.storagePort(), n.jmxPort(), n.heapMb(), c.dir());
    }

    private static KafkaBrokerSpec kafka(PlannedComponent.Kafka k) {
        var b = k.broker();
        return new KafkaBrokerSpec(k.name(), b.address(), b.port(), b.controllerPort(), k.nodeId(), b.heapMb(), k.dir());
    }
}
