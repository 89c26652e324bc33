package dev.citadel.cli.rotate;

import dev.citadel.platform.pki.Secret;

/** Where one service account's password is checked (a Cassandra role, a broker's SCRAM user): change it, try it. */
public interface PasswordEngine {

    /** What the account is, for messages: {@code Cassandra role catalog_api_region1}; never a password. */
    String describe();

    /** Makes {@code password} the account's one password (the engine keeps no other). */
    void change(Secret password);

    /** A fresh login with {@code password} at every node that checks it. */
    KeyProbe.Verdict check(Secret password);
}
