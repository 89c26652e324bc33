package dev.citadel.cli.provision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.citadel.platform.pki.Secret;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class StampProvisionerTest {

    @Test
    void upSetsTheEngineToThePasswordTheServicesOffer() {
        assertThat(StampProvisioner.inUse(Secret.of("only-one"))).isEqualTo(Secret.of("only-one"));
        // An interrupted rotation leaves two: the services offer the first.
        assertThat(StampProvisioner.inUse(Secret.of("new-one,old-one"))).isEqualTo(Secret.of("new-one"));
        assertThat(StampProvisioner.inUse(Secret.of("old-one new-one"))).isEqualTo(Secret.of("old-one"));
    }

    @Test
    void theEnginesAreProvisionedAtOnceAndTheFirstFailureIsRethrownAsItWas() {
        // Each step waits for the other: run one after the other, neither would ever finish.
        CountDownLatch cassandra = new CountDownLatch(1);
        CountDownLatch kafka = new CountDownLatch(1);
        StampProvisioner.allAtOnce(List.of(() -> meet(cassandra, kafka), () -> meet(kafka, cassandra)));

        IllegalArgumentException refused = new IllegalArgumentException("broker refused the ACL");
        List<String> done = new java.util.concurrent.CopyOnWriteArrayList<>();
        assertThatThrownBy(() -> StampProvisioner.allAtOnce(List.of(() -> done.add("schema"), () -> {
            throw refused;
        }))).isSameAs(refused);
        assertThat(done).containsExactly("schema");
    }

    private static void meet(CountDownLatch mine, CountDownLatch other) {
        mine.countDown();
        try {
            if (!other.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the other step never ran beside this one");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
