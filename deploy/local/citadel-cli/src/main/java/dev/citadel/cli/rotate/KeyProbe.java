package dev.citadel.cli.rotate;

import dev.citadel.platform.pki.Secret;

/** Asks one stamp's catalog-api whether it takes a key right now. */
public interface KeyProbe {

    enum Verdict {
        /** The key passed the API-key check (whatever the handler then answered). */
        ACCEPTED,
        /** 401 with the API-key challenge. */
        REFUSED,
        /** No answer that says either (unreachable, 5xx, or a refusal before the key check). */
        UNKNOWN
    }

    Verdict check(String region, Secret key);
}
