package dev.citadel.cli.rotate;

import dev.citadel.cli.services.RunLayout;
import dev.citadel.platform.pki.KeyStores;
import dev.citadel.platform.pki.Secret;
import dev.citadel.platform.pki.SecretDirectory;
import java.math.BigInteger;
import java.util.Optional;

/**
 * Whether the operator's certificate with a given serial is in use: its holders (every CLI command, the services'
 * supervisor, {@code OperatorHttpClient}) open {@code pki/operator/keystore.p12} with its password at every use,
 * so once both files hold it, it is the one the next management call presents.
 */
public final class OperatorKeyStoreCheck implements CaRotation.InUse {

    private final RunLayout layout;

    public OperatorKeyStoreCheck(RunLayout layout) {
        this.layout = layout;
    }

    @Override
    public boolean uses(BigInteger serial) {
        try {
            Optional<Secret> password = SecretDirectory.open(layout.operatorDir()).read("store.password");
            return password.isPresent() && KeyStores.firstCertificate(KeyStores.load(
                    layout.operatorDir().resolve("keystore.p12"), password.get())).getSerialNumber().equals(serial);
        } catch (RuntimeException e) {
            // Between the keystore and its password: not yet.
            return false;
        }
    }
}
