package dev.citadel.platform.pki;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecretTest {

    @Test
    void aListFileHoldsItsSecretsInOrderSeparatedByCommasOrWhitespace() {
        assertThat(Secret.listOf("old-1, new-2\n\tthird  ,,\n").stream().map(Secret::reveal))
                .containsExactly("old-1", "new-2", "third");
        assertThat(Secret.listOf(" \n ")).isEmpty();
    }
}
