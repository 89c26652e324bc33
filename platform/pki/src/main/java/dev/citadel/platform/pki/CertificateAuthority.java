package dev.citadel.platform.pki;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A private certificate authority for one Citadel installation. Keys are EC P-256 (fast to
 * generate, accepted by the JDK, Netty, Cassandra and Kafka). The CA is persisted in its directory
 * ({@code ca.crt}, {@code ca.key} 0600, directory 0700) so a second start reuses it and every
 * certificate issued earlier stays trusted.
 */
public final class CertificateAuthority {

    static final String KEY_ALGORITHM = "EC";
    private static final String SIGNATURE = "SHA256withECDSA";
    private static final Duration CA_VALIDITY = Duration.ofDays(3650);
    private static final Duration LEAF_VALIDITY = Duration.ofDays(825);
    /** Backdating tolerates small clock differences between the issuer and the verifier. */
    private static final Duration BACKDATE = Duration.ofHours(1);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final X509Certificate certificate;
    private final PrivateKey privateKey;

    private CertificateAuthority(X509Certificate certificate, PrivateKey privateKey) {
        this.certificate = certificate;
        this.privateKey = privateKey;
    }

    /** Loads the CA from {@code dir}, or creates it (named {@code name}) when the directory holds none. */
    public static synchronized CertificateAuthority loadOrCreate(Path dir, String name) {
        Path certFile = dir.resolve("ca.crt");
        Path keyFile = dir.resolve("ca.key");
        try {
            if (Files.exists(certFile) && Files.exists(keyFile)) {
                return new CertificateAuthority(Pem.parseCertificate(Files.readString(certFile)),
                        Pem.parsePrivateKey(Files.readString(keyFile), KEY_ALGORITHM));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read CA from " + dir, e);
        }
        CertificateAuthority ca = create(name);
        SecureFiles.ownerOnlyDirectory(dir);
        SecureFiles.write(keyFile, Pem.privateKey(ca.privateKey));
        SecureFiles.write(certFile, Pem.certificate(ca.certificate));
        return ca;
    }

    private static CertificateAuthority create(String name) {
        KeyPair keys = newKeyPair();
        X500Name subject = new X500Name("CN=" + name + ",O=Citadel");
        Instant now = Instant.now();
        try {
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, serial(),
                    Date.from(now.minus(BACKDATE)), Date.from(now.plus(CA_VALIDITY)), subject, keys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(keys.getPublic()));
            return new CertificateAuthority(sign(builder, keys.getPrivate()), keys.getPrivate());
        } catch (GeneralSecurityException | CertIOException e) {
            throw new IllegalStateException("cannot create CA " + name, e);
        }
    }

    /**
     * Issues a leaf certificate with subject {@code CN=<name>} and the given SANs.
     *
     * @param ipAddresses literal IP addresses (e.g. "127.100.3.7"); hostname verification by IP needs them
     */
    public IssuedCertificate issue(String name, CertificateProfile profile, List<String> dnsNames,
                                   List<String> ipAddresses) {
        KeyPair keys = newKeyPair();
        Instant now = Instant.now();
        try {
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(certificate, serial(),
                    Date.from(now.minus(BACKDATE)), Date.from(now.plus(LEAF_VALIDITY)), new X500Name("CN=" + name),
                    keys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(Extension.extendedKeyUsage, false, extendedKeyUsage(profile))
                    .addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(keys.getPublic()))
                    .addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(certificate));
            GeneralNames sans = subjectAlternativeNames(dnsNames, ipAddresses);
            if (sans != null) {
                builder.addExtension(Extension.subjectAlternativeName, false, sans);
            }
            return new IssuedCertificate(name, sign(builder, privateKey), keys.getPrivate(), certificate);
        } catch (GeneralSecurityException | CertIOException e) {
            throw new IllegalStateException("cannot issue certificate for " + name, e);
        }
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** Writes a PKCS12 truststore holding only this CA. */
    public void writeTrustStore(Path file, Secret password) {
        KeyStores.writeTrustStore(file, password, certificate);
    }

    /** Writes the CA certificate as PEM (it is public; mode 0600 anyway, like everything in the run dir). */
    public void writeCertificatePem(Path file) {
        SecureFiles.write(file, Pem.certificate(certificate));
    }

    private static ExtendedKeyUsage extendedKeyUsage(CertificateProfile profile) {
        List<KeyPurposeId> purposes = new ArrayList<>();
        if (profile.server()) {
            purposes.add(KeyPurposeId.id_kp_serverAuth);
        }
        if (profile.client()) {
            purposes.add(KeyPurposeId.id_kp_clientAuth);
        }
        return new ExtendedKeyUsage(purposes.toArray(KeyPurposeId[]::new));
    }

    private static GeneralNames subjectAlternativeNames(List<String> dnsNames, List<String> ipAddresses) {
        List<GeneralName> names = new ArrayList<>();
        for (String dns : dnsNames) {
            names.add(new GeneralName(GeneralName.dNSName, dns));
        }
        for (String ip : ipAddresses) {
            requireLiteralIp(ip);
            names.add(new GeneralName(GeneralName.iPAddress, ip));
        }
        return names.isEmpty() ? null : new GeneralNames(names.toArray(GeneralName[]::new));
    }

    private static void requireLiteralIp(String ip) {
        if (!ip.matches("[0-9.]+") && !ip.contains(":")) {
            throw new IllegalArgumentException("not a literal IP address: " + ip);
        }
        try {
            InetAddress.getByName(ip);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not a literal IP address: " + ip, e);
        }
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey signer)
            throws GeneralSecurityException {
        try {
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder(SIGNATURE).build(signer)));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException("cannot sign", e);
        }
    }

    private static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(KEY_ALGORITHM);
            generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("EC P-256 unavailable", e);
        }
    }

    private static BigInteger serial() {
        return new BigInteger(127, RANDOM).add(BigInteger.ONE);
    }
}
