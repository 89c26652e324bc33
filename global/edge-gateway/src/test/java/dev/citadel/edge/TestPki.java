package dev.citadel.edge;

import dev.citadel.platform.pki.CertificateAuthority;
import dev.citadel.platform.pki.CertificateProfile;
import dev.citadel.platform.pki.IssuedCertificate;
import dev.citadel.platform.pki.Pem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Certificates for the edge's tests, issued by platform/pki: one "citadel" CA for the edge and the stamps, and a
 * separate operator CA for management clients (so the edge's own client certificate is NOT an operator's).
 */
final class TestPki {
    static final String EDGE_HOST = "localhost";
    final Path dir;
    final CertificateAuthority citadelCa;
    final CertificateAuthority operatorCa;
    final IssuedCertificate edgeServer;
    final IssuedCertificate edgeClient;
    final IssuedCertificate operator;

    TestPki(Path dir) {
        this.dir = dir;
        citadelCa = CertificateAuthority.loadOrCreate(dir.resolve("citadel-ca"), "citadel-test-ca");
        operatorCa = CertificateAuthority.loadOrCreate(dir.resolve("operator-ca"), "operator-test-ca");
        edgeServer = citadelCa.issue("edge", CertificateProfile.SERVER, List.of(EDGE_HOST), List.of("127.0.0.1"));
        edgeClient = citadelCa.issue("edge-client", CertificateProfile.CLIENT, List.of(), List.of());
        operator = operatorCa.issue("operator", CertificateProfile.CLIENT, List.of(), List.of());
        edgeServer.writePem(dir.resolve("edge.crt"), dir.resolve("edge.key"), dir.resolve("citadel-ca.crt"));
        edgeClient.writePem(dir.resolve("edge-client.crt"), dir.resolve("edge-client.key"), dir.resolve("unused.crt"));
        operatorCa.writeCertificatePem(dir.resolve("operator-ca.crt"));
    }

    /** A stamp's server certificate for {@code dnsName}, written as PEM; returns {cert, key}. */
    Path[] originCertificate(String name, String dnsName) {
        IssuedCertificate c = citadelCa.issue(name, CertificateProfile.SERVER, List.of(dnsName), List.of());
        Path cert = dir.resolve(name + ".crt");
        Path key = dir.resolve(name + ".key");
        c.writePem(cert, key, dir.resolve(name + "-ca.crt"));
        return new Path[] {cert, key};
    }

    String tlsYaml() {
        return "tls:\n"
                + "  certificate: " + dir.resolve("edge.crt") + "\n"
                + "  privateKey: " + dir.resolve("edge.key") + "\n"
                + "  clientCertificate: " + dir.resolve("edge-client.crt") + "\n"
                + "  clientPrivateKey: " + dir.resolve("edge-client.key") + "\n"
                + "  originCa: " + dir.resolve("citadel-ca.crt") + "\n"
                + "  operatorCa: " + dir.resolve("operator-ca.crt") + "\n";
    }

    /** A JDK client context trusting the citadel CA, presenting {@code client}'s certificate if not null. */
    SSLContext clientContext(IssuedCertificate client) {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("ca", citadelCa.certificate());
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            KeyManagerFactory kmf = null;
            if (client != null) {
                KeyStore keys = KeyStore.getInstance("PKCS12");
                keys.load(null, null);
                keys.setKeyEntry("me", client.privateKey(), "x".toCharArray(),
                        new java.security.cert.Certificate[] {client.certificate(), client.caCertificate()});
                kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(keys, "x".toCharArray());
            }
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), new SecureRandom());
            return ctx;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String pem(IssuedCertificate c) {
        return Pem.certificate(c.certificate());
    }

    static Path tempDir() {
        try {
            return Files.createTempDirectory("edge-test-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
