package dev.citadel.catalogapi.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.citadel.catalogapi.problem.IdempotencyKeyException;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdempotencyKeyTest {

    private static final UUID ITEM = UUID.fromString("00000000-0000-0000-0000-000000000001");

    @Test
    void derivesVersion5IdsAsRfc9562Specifies() {
        // RFC 9562 appendix A.4: the DNS namespace and "www.example.com".
        UUID dns = UUID.fromString("6ba7b810-9dad-11d1-80b4-00c04fd430c8");
        UUID id = IdempotencyKey.nameBased(dns, "www.example.com");

        assertThat(id).isEqualTo(UUID.fromString("2ed6657d-e927-568b-95e1-2665a8aea6a2"));
        assertThat(id.version()).isEqualTo(5);
        assertThat(id.variant()).isEqualTo(2);
    }

    @Test
    void theSameKeyOnTheSameItemAlwaysNamesTheSameResource() {
        // Pinned: a stamp running another build must derive the very same id, or a retry there writes a second copy.
        assertThat(IdempotencyKey.parse("k-1").idFor("comment", ITEM))
                .isEqualTo(UUID.fromString("0c15d17a-450f-54ac-a1e5-43fb2f79af16"))
                .isEqualTo(IdempotencyKey.parse("k-1").idFor("comment", ITEM));
    }

    @Test
    void anotherKeyKindOrItemNamesAnotherResource() {
        UUID id = IdempotencyKey.parse("k-1").idFor("comment", ITEM);

        assertThat(IdempotencyKey.parse("k-2").idFor("comment", ITEM)).isNotEqualTo(id);
        assertThat(IdempotencyKey.parse("k-1").idFor("rating", ITEM)).isNotEqualTo(id);
        assertThat(IdempotencyKey.parse("k-1").idFor("comment", UUID.randomUUID())).isNotEqualTo(id);
    }

    @Test
    void anItemKeyNamesAVersion5IdOfItsOwnThatNoCommentKeyCanName() {
        UUID item = IdempotencyKey.parse("k-1").idFor("item");

        assertThat(item.version()).as("catalog-core tells key-derived ids by their version").isEqualTo(5);
        assertThat(IdempotencyKey.parse("k-1").idFor("item")).isEqualTo(item);
        assertThat(IdempotencyKey.parse("k-2").idFor("item")).isNotEqualTo(item);
        assertThat(IdempotencyKey.parse("k-1").idFor("comment", ITEM)).isNotEqualTo(item);
    }

    @Test
    void withoutAKeyEveryRequestGetsAFreshRandomId() {
        assertThat(IdempotencyKey.parse(null)).isNull();
        UUID first = IdempotencyKey.idFor(null, "comment", ITEM);

        assertThat(first.version()).isEqualTo(4);
        assertThat(IdempotencyKey.idFor(null, "comment", ITEM)).isNotEqualTo(first);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "8e03978e-40d5-43e8-bc93-6894a57f9324", "\"quoted-sf-string\"", "!~{}|/=+"})
    void takesVisibleAsciiKeysVerbatim(String key) {
        assertThat(IdempotencyKey.parse(key).idFor("comment", ITEM))
                .isNotEqualTo(IdempotencyKey.parse(key + "x").idFor("comment", ITEM));
    }

    @Test
    void takesAKeyOfExactly255Characters() {
        assertThat(IdempotencyKey.parse("k".repeat(255))).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "has space", "tab\there", "caf\u00e9", "line\nbreak", "nul\u0000"})
    void refusesAKeyThatIsEmptyOrNotVisibleAscii(String key) {
        assertThatThrownBy(() -> IdempotencyKey.parse(key)).isInstanceOf(IdempotencyKeyException.class);
    }

    @Test
    void refusesAKeyLongerThan255Characters() {
        assertThatThrownBy(() -> IdempotencyKey.parse("k".repeat(256))).isInstanceOf(IdempotencyKeyException.class)
                .hasMessageContaining("255");
    }

    @Test
    void neverPrintsTheKey() {
        assertThat(IdempotencyKey.parse("secret-looking-key").toString()).doesNotContain("secret");
    }
}
