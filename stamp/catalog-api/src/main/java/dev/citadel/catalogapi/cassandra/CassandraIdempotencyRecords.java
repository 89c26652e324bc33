package dev.citadel.catalogapi.cassandra;

import dev.citadel.catalog.error.RetriableException;
import dev.citadel.catalog.store.IdempotencyStore;
import dev.citadel.catalog.store.IdempotencyStore.Claim;
import dev.citadel.catalog.store.IdempotencyStore.Outcome;
import dev.citadel.catalogapi.idempotency.IdempotencyRecords;
import dev.citadel.catalogapi.idempotency.IdempotentRequest;
import dev.citadel.catalogapi.problem.DependencyUnavailableException;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Idempotency records in the catalog keyspace, which every region's data centre replicates: a key claimed through one
 * stamp is taken for every other. A claim whose outcome Cassandra could not confirm ({@code CASWriteUnknownException},
 * a Paxos timeout) is a 503: the request is not executed, and the client retries with the same key.
 */
class CassandraIdempotencyRecords implements IdempotencyRecords {

    private final IdempotencyStore store;

    CassandraIdempotencyRecords(IdempotencyStore store) {
        this.store = store;
    }

    @Override
    public Claim claim(IdempotentRequest request, Duration lease) {
        return call(() -> store.claim(request.scope(), request.key(), request.fingerprint(), lease));
    }

    @Override
    public boolean complete(IdempotentRequest request, UUID owner, Outcome outcome, Duration ttl) {
        return call(() -> store.complete(request.scope(), request.key(), owner, request.fingerprint(), outcome, ttl));
    }

    @Override
    public void release(IdempotentRequest request, UUID owner) {
        call(() -> {
            store.release(request.scope(), request.key(), owner);
            return null;
        });
    }

    private static <T> T call(Supplier<T> operation) {
        try {
            return operation.get();
        } catch (RetriableException e) {
            throw new DependencyUnavailableException("cassandra", e);
        }
    }
}
