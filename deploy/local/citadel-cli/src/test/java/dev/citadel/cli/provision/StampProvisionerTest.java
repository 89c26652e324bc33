package dev.citadel.cli.provision;

import static org.assertj.core.api.Assertions.assertThat;

import dev.citadel.platform.pki.Secret;
import org.junit.jupiter.api.Test;

class StampProvisionerTest {

    @Test
    void upSetsTheEngineToThePasswordTheServicesOffer() {
        assertThat(StampProvisioner.inUse(Secret.of("only-one"))).isEqualTo(Secret.of("only-one"));
        // An interrupted rotation leaves two: the services offer the first.
        assertThat(StampProvisioner.inUse(Secret.of("new-one,old-one"))).isEqualTo(Secret.of("new-one"));
        assertThat(StampProvisioner.inUse(Secret.of("old-one new-one"))).isEqualTo(Secret.of("old-one"));
    }
}
