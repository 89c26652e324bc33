package dev.citadel.catalogapi.store;

import dev.citadel.catalog.store.IdempotencyClaim;
import java.util.UUID;

/**
 * Decides which request owns a key-derived id before anything is written or published under it: of two requests
 * with one {@code Idempotency-Key} and different content, on whatever stamps and however close in time, exactly one
 * owns the id (the other answers 422). Throws {@link dev.citadel.catalogapi.problem.DependencyUnavailableException}
 * when the database cannot decide in time.
 */
public interface IdempotencyClaims {

    /** Claims {@code id} for the request whose content has {@code fingerprint} (see {@code Fingerprint}). */
    IdempotencyClaim claim(UUID id, byte[] fingerprint);
}
