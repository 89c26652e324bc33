package dev.citadel.catalogapi.idempotency;

import dev.citadel.catalog.store.IdempotencyStore.Claim;
import dev.citadel.catalog.store.IdempotencyStore.Outcome;
import java.time.Duration;
import java.util.UUID;

/**
 * Where idempotency records are kept, shared by every stamp. Failures are
 * {@link dev.citadel.catalogapi.problem.DependencyUnavailableException}s (503): an unknown claim outcome is never taken
 * for a win.
 */
public interface IdempotencyRecords {

    Claim claim(IdempotentRequest request, Duration lease);

    /** False when the claim was no longer this owner's; nothing was recorded then. */
    boolean complete(IdempotentRequest request, UUID owner, Outcome outcome, Duration ttl);

    void release(IdempotentRequest request, UUID owner);
}
