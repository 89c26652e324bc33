package dev.citadel.platform.pki;

import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;

/** A leaf certificate with its private key and the CA that signed it. */
public final class IssuedCertificate {

    private final String name;
    private final X509Certificate certificate;
    private final PrivateKey privateKey;
    private final X509Certificate caCertificate;

    IssuedCertificate(String name, X509Certificate certificate, PrivateKey privateKey, X509Certificate caCertificate) {
        this.name = name;
        this.certificate = certificate;
        this.privateKey = privateKey;
        this.caCertificate = caCertificate;
    }

    public String name() {
        return name;
    }

    public X509Certificate certificate() {
        return certificate;
    }

    public PrivateKey privateKey() {
        return privateKey;
    }

    public X509Certificate caCertificate() {
        return caCertificate;
    }

    /** PEM: the certificate, the PKCS#8 key and the CA chain, each in its own file (all 0600). */
    public void writePem(Path certFile, Path keyFile, Path caFile) {
        SecureFiles.write(certFile, Pem.certificate(certificate));
        SecureFiles.write(keyFile, Pem.privateKey(privateKey));
        SecureFiles.write(caFile, Pem.certificate(caCertificate));
    }

    /** PKCS12 keystore holding the key under alias {@link #name()} with the chain [leaf, CA]. */
    public void writeKeyStore(Path file, Secret password) {
        KeyStores.writeKeyStore(file, password, name, privateKey, certificate, caCertificate);
    }

    /** PKCS12 truststore holding only the CA. */
    public void writeTrustStore(Path file, Secret password) {
        KeyStores.writeTrustStore(file, password, caCertificate);
    }

    /**
     * Writes everything a TLS endpoint needs into {@code dir}: {@code <name>.crt}, {@code <name>.key},
     * {@code ca.crt}, {@code keystore.p12}, {@code truststore.p12} and {@code store.password}, the
     * (generated) password of both stores.
     */
    public TlsBundle writeBundle(Path dir) {
        SecureFiles.ownerOnlyDirectory(dir);
        SecretDirectory secrets = SecretDirectory.open(dir);
        Secret password = Passwords.generate();
        TlsBundle bundle = TlsBundle.in(dir, name, password);
        writePem(bundle.certificatePem(), bundle.privateKeyPem(), bundle.caPem());
        writeKeyStore(bundle.keyStore(), password);
        writeTrustStore(bundle.trustStore(), password);
        secrets.write(TlsBundle.PASSWORD_KEY, password);
        return bundle;
    }

    @Override
    public String toString() {
        return "IssuedCertificate[" + certificate.getSubjectX500Principal().getName() + "]";
    }
}
