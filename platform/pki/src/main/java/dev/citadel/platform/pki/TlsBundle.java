package dev.citadel.platform.pki;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The files of one TLS endpoint as written by {@link IssuedCertificate#writeBundle(Path)}: PEM
 * forms and PKCS12 stores sharing one password.
 */
public record TlsBundle(Path certificatePem, Path privateKeyPem, Path caPem, Path keyStore, Path trustStore,
                        Secret password) {

    static final String PASSWORD_KEY = "store.password";

    static TlsBundle in(Path dir, String name, Secret password) {
        return new TlsBundle(dir.resolve(name + ".crt"), dir.resolve(name + ".key"), dir.resolve("ca.crt"),
                dir.resolve("keystore.p12"), dir.resolve("truststore.p12"), password);
    }

    /** The bundle previously written to {@code dir}, if complete. */
    public static Optional<TlsBundle> load(Path dir, String name) {
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        return SecretDirectory.open(dir).read(PASSWORD_KEY)
                .map(password -> in(dir, name, password))
                .filter(b -> List.of(b.certificatePem(), b.privateKeyPem(), b.caPem(), b.keyStore(), b.trustStore())
                        .stream().allMatch(Files::exists));
    }

    /** Reuses the bundle in {@code dir} or issues a new certificate and writes it there. */
    public static TlsBundle loadOrIssue(CertificateAuthority ca, Path dir, String name, CertificateProfile profile,
                                        List<String> dnsNames, List<String> ipAddresses) {
        return load(dir, name)
                .filter(b -> issuedBy(b, ca) && sameSubjectAlternativeNames(b, dnsNames, ipAddresses))
                .orElseGet(() -> ca.issue(name, profile, dnsNames, ipAddresses).writeBundle(dir));
    }

    private static boolean issuedBy(TlsBundle bundle, CertificateAuthority ca) {
        try {
            return Pem.parseCertificate(Files.readString(bundle.caPem())).equals(ca.certificate());
        } catch (Exception e) {
            return false;
        }
    }

    private static boolean sameSubjectAlternativeNames(TlsBundle bundle, List<String> dnsNames, List<String> ips) {
        try {
            var cert = Pem.parseCertificate(Files.readString(bundle.certificatePem()));
            var sans = cert.getSubjectAlternativeNames();
            if (sans == null) {
                return dnsNames.isEmpty() && ips.isEmpty();
            }
            List<String> present = sans.stream().map(l -> String.valueOf(l.get(1))).toList();
            return present.containsAll(dnsNames) && present.containsAll(ips)
                    && present.size() == dnsNames.size() + ips.size();
        } catch (Exception e) {
            return false;
        }
    }
}
