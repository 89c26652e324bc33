package dev.citadel.egress;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.citadel.platform.pki.CertificateAuthority;
import dev.citadel.platform.pki.CertificateProfile;
import dev.citadel.platform.pki.IssuedCertificate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Certificates (platform/pki), the source's password file, and small JDK HTTP servers: an allowed origin (plain and
 * TLS) and a "bait" that counts every request reaching it. The bait listens on the wildcard address, so loopback in
 * any form (127.0.0.1, 127.0.0.77, ::1) lands on it if the firewall ever lets an SSRF through.
 */
final class EgressFixture {
    static final String PASSWORD = "egress-pw-4b1d9e";
    static final String TLS_HOST = "secure.citadel.test";

    final Path dir;
    final CertificateAuthority citadelCa;
    final CertificateAuthority operatorCa;
    final IssuedCertificate operator;
    final IssuedCertificate scraper;
    final IssuedCertificate intruder;
    final IssuedCertificate foreignOperator;
    final Path passwordFile;

    EgressFixture() {
        try {
            dir = Files.createTempDirectory("egress-it-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        citadelCa = CertificateAuthority.loadOrCreate(dir.resolve("citadel-ca"), "citadel-test-ca");
        operatorCa = CertificateAuthority.loadOrCreate(dir.resolve("operator-ca"), "operator-test-ca");
        IssuedCertificate management = citadelCa.issue("egress-firewall", CertificateProfile.SERVER,
                List.of("localhost"), List.of("127.0.0.1"));
        management.writePem(dir.resolve("server.crt"), dir.resolve("server.key"), dir.resolve("citadel-ca.crt"));
        operatorCa.writeCertificatePem(dir.resolve("operator-ca.crt"));
        operator = operatorCa.issue("operator", CertificateProfile.CLIENT, List.of(), List.of());
        scraper = operatorCa.issue("scraper.region1", CertificateProfile.CLIENT, List.of(), List.of());
        intruder = operatorCa.issue("intruder", CertificateProfile.CLIENT, List.of(), List.of());
        foreignOperator = citadelCa.issue("operator", CertificateProfile.CLIENT, List.of(), List.of());
        passwordFile = dir.resolve("egress-password");
        try {
            Files.writeString(passwordFile, PASSWORD + "\n");
            Files.setPosixFilePermissions(passwordFile, PosixFilePermissions.fromString("rw-------"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String yaml(int tlsPort, int originPort, int baitPort, int closedPort) {
        return """
                stamp: region1
                listener: {address: 127.0.0.1, port: 0}
                management: {address: 127.0.0.1, port: 0, certificate: %1$s/server.crt, privateKey: %1$s/server.key,
                             clientCa: %1$s/operator-ca.crt, allowedClients: [operator, scraper.region1]}
                decisionLog: {file: %1$s/logs/egress-firewall-region1-decisions.log, maxFileSizeMb: 1, maxFiles: 2}
                limits: {connectTimeoutMs: 2000, idleTimeoutMs: 10000, maxConnections: 64, maxHeaderBytes: 8192}
                resolver:
                  hosts:
                    images.citadel.test: [127.0.0.1]
                    secure.citadel.test: [127.0.0.1]
                    looks-public.citadel.test: [127.0.0.1]
                sources:
                  - name: catalog-api
                    passwordFile: %2$s
                    allow:
                      - {host: images.citadel.test, port: %4$d, allowSpecialAddresses: true}
                      - {host: secure.citadel.test, port: %3$d, allowSpecialAddresses: true}
                      - {host: looks-public.citadel.test, port: %5$d}
                      - {host: localhost, port: %5$d}
                      - {host: images.citadel.test, port: %6$d, allowSpecialAddresses: true}
                """.formatted(dir, passwordFile, tlsPort, originPort, baitPort, closedPort);
    }

    /** Deletes the certificates, password file and logs written for this run. */
    void delete() {
        try (java.util.stream.Stream<Path> files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path decisionLog() {
        return dir.resolve("logs/egress-firewall-region1-decisions.log");
    }

    /** A plain HTTP server counting requests to any path; {@code routes} may add behaviour. */
    static HttpServer counting(InetSocketAddress at, AtomicInteger count) throws IOException {
        HttpServer server = HttpServer.create(at, 0);
        server.createContext("/", exchange -> {
            count.incrementAndGet();
            byte[] body = "bait".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return server;
    }

    static HttpServer bait(AtomicInteger count) throws IOException {
        return counting(new InetSocketAddress(InetAddress.getByName("::"), 0), count);
    }

    /** The allowed origin: /hello answers, /redirect?to=URL answers 302 (or 307 with code=307) to URL. */
    static HttpServer origin(AtomicInteger count) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            count.incrementAndGet();
            String query = exchange.getRequestURI().getRawQuery();
            if (exchange.getRequestURI().getPath().equals("/redirect") && query != null) {
                String to = java.net.URLDecoder.decode(query.replaceAll(".*to=([^&]*).*", "$1"),
                        StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Location", to);
                exchange.sendResponseHeaders(query.contains("code=307") ? 307 : 302, -1);
                exchange.close();
                return;
            }
            String seen = "hello via " + exchange.getRequestHeaders().getFirst("Host")
                    + (exchange.getRequestHeaders().containsKey("Proxy-Authorization") ? " WITH CREDENTIAL" : "");
            byte[] body = seen.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return server;
    }

    HttpsServer tlsOrigin(AtomicInteger count) throws Exception {
        IssuedCertificate cert = citadelCa.issue("secure-origin", CertificateProfile.SERVER, List.of(TLS_HOST),
                List.of());
        HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(sslContext(cert)));
        server.createContext("/", exchange -> {
            count.incrementAndGet();
            byte[] body = "secret-free tls hello".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return server;
    }

    /** Trusts the citadel CA; presents {@code client} if not null. */
    SSLContext sslContext(IssuedCertificate client) {
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
}
