package dev.citadel.catalogapi.idempotency;

import dev.citadel.catalog.store.IdempotencyStore.Claim;
import dev.citadel.catalog.store.IdempotencyStore.Outcome;
import dev.citadel.catalogapi.problem.IdempotencyProblemException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Honours {@code Idempotency-Key} on create/update requests, after the version and API-key checks (an unauthorised
 * request never claims a key): the first request with a key claims it and runs; a later one with the same key and
 * the same payload gets the first one's answer replayed ({@code Idempotent-Replayed: true}), with a different payload
 * 422, while the first still runs 409. {@link IdempotencyFilter} buffered the body and records the outcome.
 */
public class IdempotencyInterceptor implements HandlerInterceptor {

    public static final String REPLAYED_HEADER = "Idempotent-Replayed";
    static final String CLAIMED = IdempotencyInterceptor.class.getName() + ".claimed";
    static final String API_KEY_HEADER = "X-API-KEY";

    /** The request this thread won the key for, and the claim's owner id. */
    record Claimed(IdempotentRequest request, UUID owner) {}

    private final IdempotencyRecords records;
    private final Duration lease;

    public IdempotencyInterceptor(IdempotencyRecords records, Duration lease) {
        this.records = records;
        this.lease = lease;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws IOException {
        String header = request.getHeader(IdempotencyKey.HEADER);
        if (header == null || !(handler instanceof HandlerMethod)
                || !IdempotencyFilter.KEYED_METHODS.contains(request.getMethod())) {
            return true;
        }
        String key = IdempotencyKey.parse(header);
        byte[] body = request.getAttribute(IdempotencyFilter.BODY) instanceof byte[] b ? b : new byte[0];
        String query = request.getQueryString();
        String path = request.getRequestURI() + (query == null ? "" : "?" + query);
        IdempotentRequest keyed = IdempotentRequest.of(request.getMethod(), path, request.getHeader(API_KEY_HEADER),
                body, key);
        Claim claim = records.claim(keyed, lease);
        if (claim instanceof Claim.Won won) {
            request.setAttribute(CLAIMED, new Claimed(keyed, won.owner()));
            return true;
        }
        Claim.Taken taken = (Claim.Taken) claim;
        if (!keyed.fingerprint().equals(taken.fingerprint())) {
            throw IdempotencyProblemException.reused();
        }
        if (taken.outcome() == null) {
            throw IdempotencyProblemException.inUse();
        }
        replay(taken.outcome(), response);
        return false;
    }

    private static void replay(Outcome outcome, HttpServletResponse response) throws IOException {
        response.setStatus(outcome.status());
        if (outcome.contentType() != null) {
            response.setContentType(outcome.contentType());
        }
        if (outcome.location() != null) {
            response.setHeader(HttpHeaders.LOCATION, outcome.location());
        }
        response.setHeader(REPLAYED_HEADER, "true");
        byte[] body = outcome.body();
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
