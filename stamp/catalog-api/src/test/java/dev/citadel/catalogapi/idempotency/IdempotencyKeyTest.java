package dev.citadel.catalogapi.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.citadel.catalogapi.problem.IdempotencyProblemException;
import dev.citadel.catalogapi.problem.ProblemType;
import org.junit.jupiter.api.Test;

class IdempotencyKeyTest {

    @Test
    void takesTheDraftsQuotedStringAndTheBareTokenAlike() {
        assertThat(IdempotencyKey.parse("\"8e03978e-40d5-43e8-bc93-6894a57f9324\""))
                .isEqualTo("8e03978e-40d5-43e8-bc93-6894a57f9324");
        assertThat(IdempotencyKey.parse(" 8e03978e-40d5-43e8-bc93-6894a57f9324 "))
                .isEqualTo("8e03978e-40d5-43e8-bc93-6894a57f9324");
        assertThat(IdempotencyKey.parse("01HZY0B6Q9+/=_.~:")).isEqualTo("01HZY0B6Q9+/=_.~:");
        assertThat(IdempotencyKey.parse("k".repeat(255))).hasSize(255);
    }

    @Test
    void refusesEmptyTooLongAndForeignCharactersAs400() {
        for (String bad : new String[] {"", "  ", "\"\"", "k".repeat(256), "a b", "key;drop", "ключ", "a\"b", "a\tb"}) {
            assertThatThrownBy(() -> IdempotencyKey.parse(bad)).as(bad)
                    .isInstanceOfSatisfying(IdempotencyProblemException.class,
                            e -> assertThat(e.type()).isEqualTo(ProblemType.INVALID_IDEMPOTENCY_KEY));
        }
    }
}
