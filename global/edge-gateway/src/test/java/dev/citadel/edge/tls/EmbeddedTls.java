package dev.citadel.edge.tls;

import dev.citadel.edge.config.EdgeProperties.Tls;
import dev.citadel.platform.pki.CertificateAuthority;
import dev.citadel.platform.pki.CertificateProfile;
import dev.citadel.platform.pki.IssuedCertificate;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.net.ssl.SSLException;

/**
 * Real TLS between two {@link EmbeddedChannel}s, no sockets: certificates from platform/pki (a citadel CA for the
 * edge and an operator CA for management clients), the edge's own contexts from {@link TlsContexts}, and a
 * shuttle that moves the bytes each side wrote to the other until both are quiet.
 */
public final class EmbeddedTls {
    public final Path dir;
    public final CertificateAuthority citadelCa;
    public final CertificateAuthority operatorCa;
    public final Tls tls;

    public EmbeddedTls() {
        try {
            dir = Files.createTempDirectory("edge-embedded-tls-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        citadelCa = CertificateAuthority.loadOrCreate(dir.resolve("citadel-ca"), "citadel-test-ca");
        operatorCa = CertificateAuthority.loadOrCreate(dir.resolve("operator-ca"), "operator-test-ca");
        citadelCa.issue("edge", CertificateProfile.SERVER, List.of("localhost"), List.of("127.0.0.1"))
                .writePem(dir.resolve("edge.crt"), dir.resolve("edge.key"), dir.resolve("citadel-ca.crt"));
        citadelCa.issue("edge-client", CertificateProfile.CLIENT, List.of(), List.of())
                .writePem(dir.resolve("edge-client.crt"), dir.resolve("edge-client.key"), dir.resolve("unused.crt"));
        operatorCa.writeCertificatePem(dir.resolve("operator-ca.crt"));
        tls = new Tls(dir.resolve("edge.crt"), dir.resolve("edge.key"), dir.resolve("edge-client.crt"),
                dir.resolve("edge-client.key"), dir.resolve("citadel-ca.crt"), dir.resolve("operator-ca.crt"));
    }

    /** A client certificate {@code CN=name} from the operator CA. */
    public IssuedCertificate operatorCaClient(String name) {
        return operatorCa.issue(name, CertificateProfile.CLIENT, List.of(), List.of());
    }

    /** A client handler trusting the citadel CA, presenting {@code cert} (or none). */
    public SslHandler clientHandler(EmbeddedChannel ch, IssuedCertificate cert) throws SSLException {
        SslContextBuilder b = SslContextBuilder.forClient().trustManager(citadelCa.certificate());
        if (cert != null) {
            b.keyManager(cert.privateKey(), cert.certificate(), cert.caCertificate());
        }
        SslContext ctx = b.build();
        return ctx.newHandler(ch.alloc(), "localhost", 9443);
    }

    /** Moves bytes between the two until neither writes any more. */
    public static void shuttle(EmbeddedChannel client, EmbeddedChannel server) {
        for (int round = 0; round < 200; round++) {
            boolean moved = move(client, server) | move(server, client);
            client.runPendingTasks();
            server.runPendingTasks();
            if (!moved) {
                return;
            }
        }
        throw new AssertionError("TLS exchange did not settle");
    }

    private static boolean move(EmbeddedChannel from, EmbeddedChannel to) {
        boolean moved = false;
        Object o;
        while ((o = from.readOutbound()) != null) {
            moved = true;
            if (to.isOpen()) {
                to.writeOneInbound(o);
                if (to.isOpen()) {
                    to.flushInbound();
                }
            } else {
                io.netty.util.ReferenceCountUtil.release(o);
            }
        }
        return moved;
    }
}
