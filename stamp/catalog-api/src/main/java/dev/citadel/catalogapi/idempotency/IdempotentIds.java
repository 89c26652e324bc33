package dev.citadel.catalogapi.idempotency;

import jakarta.servlet.http.HttpServletRequest;
import java.util.UUID;

/** Ids for what a write creates: derived from the {@code Idempotency-Key} when the request won one, random otherwise. */
public final class IdempotentIds {

    private IdempotentIds() {}

    public static UUID newId(HttpServletRequest request) {
        return request.getAttribute(IdempotencyInterceptor.CLAIMED) instanceof IdempotencyInterceptor.Claimed claimed
                ? claimed.request().resourceId() : UUID.randomUUID();
    }
}
