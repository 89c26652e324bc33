package dev.citadel.catalogapi.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class IdempotentRequestTest {

    private static final String PATH = "/api/1.0/catalogitem";
    private static final byte[] BODY = "{\"name\":\"Lamp\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    void theFingerprintCoversMethodPathAndEveryBodyByte() {
        IdempotentRequest first = IdempotentRequest.of("POST", PATH, "key-one", BODY, "k1");
        assertThat(IdempotentRequest.of("POST", PATH, "key-one", BODY.clone(), "k1")).isEqualTo(first);
        assertThat(IdempotentRequest.of("POST", PATH, "key-one", "{\"name\":\"Lamp \"}".getBytes(), "k1")
                .fingerprint()).isNotEqualTo(first.fingerprint());
        assertThat(IdempotentRequest.of("PUT", PATH, "key-one", BODY, "k1").fingerprint())
                .isNotEqualTo(first.fingerprint());
        assertThat(IdempotentRequest.of("POST", PATH + "/x", "key-one", BODY, "k1").fingerprint())
                .isNotEqualTo(first.fingerprint());
        assertThat(first.fingerprint()).matches("[0-9a-f]{64}");
    }

    @Test
    void theScopeIsTheClientAndTheEndpointAndNeverHoldsTheApiKey() {
        IdempotentRequest withKey = IdempotentRequest.of("POST", PATH, "key-one", BODY, "k1");
        assertThat(withKey.scope()).endsWith(" POST " + PATH).doesNotContain("key-one");
        assertThat(IdempotentRequest.of("POST", PATH, "key-two", BODY, "k1").scope()).isNotEqualTo(withKey.scope());
        assertThat(IdempotentRequest.of("POST", PATH, null, BODY, "k1").scope()).isEqualTo("public POST " + PATH);
    }

    @Test
    void theResourceIdIsAVersion5UuidOfScopeAndKey() {
        IdempotentRequest request = IdempotentRequest.of("POST", PATH, "key-one", BODY, "k1");
        assertThat(request.resourceId()).isEqualTo(IdempotentRequest.of("POST", PATH, "key-one", BODY, "k1")
                .resourceId());
        assertThat(request.resourceId().version()).isEqualTo(5);
        assertThat(request.resourceId().variant()).isEqualTo(2);
        assertThat(IdempotentRequest.of("POST", PATH, "key-one", BODY, "k2").resourceId())
                .isNotEqualTo(request.resourceId());
        assertThat(IdempotentRequest.of("POST", PATH, "key-two", BODY, "k1").resourceId())
                .isNotEqualTo(request.resourceId());
    }
}
