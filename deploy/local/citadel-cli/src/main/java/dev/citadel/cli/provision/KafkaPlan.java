package dev.citadel.cli.provision;

import dev.citadel.cli.services.ServiceKind;
import java.util.List;

/**
 * The stamp broker's topics, users and ACLs, as data: {@code up} applies them through the Admin API and
 * {@code render k8s} writes the same as Strimzi {@code KafkaTopic}/{@code KafkaUser} resources, so both agree.
 * Kafka denies everything not granted here.
 */
public final class KafkaPlan {

    public static final String TOPIC = "catalog-events";
    public static final String DEAD_LETTER_TOPIC = "catalog-events-dlq";
    public static final String PROCESSOR_GROUP = "background-processor";

    /** One topic; the replication factor is the deployment's (1 on one machine, 3 on a cluster). */
    public record Topic(String name, int partitions) {}

    /** One grant: {@code operations} on a literal {@code TOPIC} or {@code GROUP} named {@code resource}. */
    public record Grant(String resourceType, String resource, List<String> operations) {
        public Grant {
            operations = List.copyOf(operations);
        }
    }

    /** One SCRAM-SHA-512 user with its grants. */
    public record User(ServiceKind service, List<Grant> grants) {
        public User {
            grants = List.copyOf(grants);
        }

        public String name() {
            return service.id();
        }
    }

    public static final List<Topic> TOPICS = List.of(new Topic(TOPIC, 3), new Topic(DEAD_LETTER_TOPIC, 1));

    public static final List<User> USERS = List.of(
            new User(ServiceKind.CATALOG_API, List.of(produce(TOPIC))),
            new User(ServiceKind.BACKGROUND_PROCESSOR, List.of(
                    new Grant("TOPIC", TOPIC, List.of("READ", "DESCRIBE")),
                    new Grant("GROUP", PROCESSOR_GROUP, List.of("READ")),
                    produce(DEAD_LETTER_TOPIC))),
            // Lag of the processor's group is a health signal: describing the group, not joining it.
            new User(ServiceKind.HEALTH_SERVICE, List.of(produce(TOPIC),
                    new Grant("GROUP", PROCESSOR_GROUP, List.of("DESCRIBE")))));

    private KafkaPlan() {}

    /** WRITE and DESCRIBE on the topic (idempotent producing needs nothing more since Kafka 3). */
    private static Grant produce(String topic) {
        return new Grant("TOPIC", topic, List.of("WRITE", "DESCRIBE"));
    }
}
