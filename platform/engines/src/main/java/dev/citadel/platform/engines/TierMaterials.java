package dev.citadel.platform.engines;

import dev.citadel.platform.pki.CertificateAuthority;
import dev.citadel.platform.pki.CertificateProfile;
import dev.citadel.platform.pki.Secret;
import dev.citadel.platform.pki.SecretDirectory;
import dev.citadel.platform.pki.TlsBundle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The tier's secrets, created on first start and reused afterwards: the private CA, each engine's
 * certificate, the client truststore, and the admin credentials (in a key-per-file directory).
 */
final class TierMaterials {

    static final String CASSANDRA_ADMIN = "admin";
    static final String CASSANDRA_ADMIN_PASSWORD = "cassandra-admin-password";
    static final String KAFKA_ADMIN_PASSWORD = "kafka-admin-password";
    static final String CLIENT_TRUSTSTORE_PASSWORD = "client-truststore-password";

    private final Path runDir;
    private final CertificateAuthority ca;
    private final SecretDirectory secrets;
    private final Path clientTrustStore;

    private TierMaterials(Path runDir, CertificateAuthority ca, SecretDirectory secrets, Path clientTrustStore) {
        this.runDir = runDir;
        this.ca = ca;
        this.secrets = secrets;
        this.clientTrustStore = clientTrustStore;
    }

    static TierMaterials loadOrCreate(DataTierSpec spec) {
        Path runDir = spec.runDir();
        CertificateAuthority ca = CertificateAuthority.loadOrCreate(runDir.resolve("pki/ca"), spec.clusterName() + " CA");
        SecretDirectory secrets = SecretDirectory.open(runDir.resolve("secrets"));
        Path trustStore = runDir.resolve("pki/client-truststore.p12");
        Secret trustPassword = secrets.getOrGeneratePassword(CLIENT_TRUSTSTORE_PASSWORD);
        if (!Files.exists(trustStore)) {
            ca.writeTrustStore(trustStore, trustPassword);
            ca.writeCertificatePem(runDir.resolve("pki/ca.crt"));
        }
        secrets.getOrGeneratePassword(CASSANDRA_ADMIN_PASSWORD);
        secrets.getOrGeneratePassword(KAFKA_ADMIN_PASSWORD);
        return new TierMaterials(runDir, ca, secrets, trustStore);
    }

    /** A node or broker certificate: server and client (internode / controller mTLS), SANs for its address. */
    TlsBundle engineTls(Path dir, String name, String address) {
        return TlsBundle.loadOrIssue(ca, dir, name, CertificateProfile.SERVER_AND_CLIENT, List.of("localhost"),
                List.of(address));
    }

    Secret cassandraAdminPassword() {
        return secrets.read(CASSANDRA_ADMIN_PASSWORD).orElseThrow();
    }

    /** The JMX operator password of one Cassandra node, generated on its first start: {@code <node>-jmx-password}. */
    Secret jmxPassword(String nodeName) {
        return secrets.getOrGeneratePassword(nodeName + "-jmx-password");
    }

    Secret kafkaAdminPassword() {
        return secrets.read(KAFKA_ADMIN_PASSWORD).orElseThrow();
    }

    Path clientTrustStore() {
        return clientTrustStore;
    }

    Secret clientTrustStorePassword() {
        return secrets.read(CLIENT_TRUSTSTORE_PASSWORD).orElseThrow();
    }

    SecretDirectory secrets() {
        return secrets;
    }

    CertificateAuthority ca() {
        return ca;
    }

    Path runDir() {
        return runDir;
    }
}
