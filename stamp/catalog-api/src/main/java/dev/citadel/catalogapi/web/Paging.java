package dev.citadel.catalogapi.web;

import dev.citadel.catalogapi.problem.InvalidParameterException;

/** Checks list parameters before any read: a bad one is a 400, never a database error. */
public final class Paging {

    /** Paging tokens are URL-safe base64 of the driver's paging state: a few hundred bytes at most. */
    static final int MAX_TOKEN_LENGTH = 2048;

    private Paging() {
    }

    public static int limit(Integer requested, int defaultLimit, int max) {
        if (requested == null) {
            return defaultLimit;
        }
        if (requested < 1 || requested > max) {
            throw new InvalidParameterException("limit", "limit must be between 1 and " + max);
        }
        return requested;
    }

    public static String token(String token) {
        if (token == null || token.isEmpty()) {
            return null;
        }
        if (token.length() > MAX_TOKEN_LENGTH || !token.matches("[A-Za-z0-9_=-]+")) {
            throw new InvalidParameterException("continuationToken", "continuationToken is not a valid token");
        }
        return token;
    }
}
