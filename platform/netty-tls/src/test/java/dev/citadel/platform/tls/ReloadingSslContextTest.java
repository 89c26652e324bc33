package dev.citadel.platform.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.citadel.platform.pki.CertificateAuthority;
import dev.citadel.platform.pki.CertificateProfile;
import dev.citadel.platform.pki.IssuedCertificate;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Netty TLS echo server whose files are replaced while it runs: a new handshake sees the new certificate without
 * a restart, a connection opened before keeps working, and a replacement whose key does not match is refused.
 */
class ReloadingSslContextTest {

    @TempDir
    Path dir;

    private CertificateAuthority ca;
    private Path cert;
    private Path key;
    private EventLoopGroup group;
    private ReloadingSslContext tls;
    private Channel server;
    private SSLContext client;

    @BeforeEach
    void start() throws Exception {
        ca = CertificateAuthority.loadOrCreate(dir.resolve("ca"), "test CA");
        cert = dir.resolve("tls/server.crt");
        key = dir.resolve("tls/server.key");
        issue().writeBundle(dir.resolve("tls"));
        tls = ReloadingSslContext.watch("test", () -> SslContextBuilder.forServer(cert.toFile(), key.toFile()).build(),
                List.of(new ReloadingSslContext.KeyPairFiles(cert, key)), List.of(),
                Duration.ofMillis(50), Duration.ofMillis(300));
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(tls.get().newHandler(ch.alloc()), new SimpleChannelInboundHandler<ByteBuf>() {
                            @Override
                            protected void channelRead0(ChannelHandlerContext ctx, ByteBuf msg) {
                                ctx.writeAndFlush(msg.retain());
                            }
                        });
                    }
                }).bind("127.0.0.1", 0).sync().channel();
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", ca.certificate());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        client = SSLContext.getInstance("TLS");
        client.init(null, tmf.getTrustManagers(), null);
    }

    @AfterEach
    void stop() {
        server.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
        tls.close();
    }

    private IssuedCertificate issue() {
        return ca.issue("server", CertificateProfile.SERVER, List.of("localhost"), List.of("127.0.0.1"));
    }

    private SSLSocket connect() throws Exception {
        SSLSocket socket = (SSLSocket) client.getSocketFactory().createSocket();
        socket.connect(server.localAddress(), 2000);
        socket.setSoTimeout(2000);
        socket.startHandshake();
        return socket;
    }

    private BigInteger presentedSerial() throws Exception {
        try (SSLSocket socket = connect()) {
            BigInteger serial = ((X509Certificate) socket.getSession().getPeerCertificates()[0]).getSerialNumber();
            socket.getSession().invalidate();
            return serial;
        }
    }

    private static void assertEchoes(SSLSocket socket) throws Exception {
        OutputStream out = socket.getOutputStream();
        InputStream in = socket.getInputStream();
        out.write("ping".getBytes());
        out.flush();
        assertThat(new String(in.readNBytes(4))).isEqualTo("ping");
    }

    @Test
    void aNewHandshakeSeesTheReplacedCertificateWhileAnOpenConnectionKeepsWorking() throws Exception {
        BigInteger before = presentedSerial();
        try (SSLSocket open = connect()) {
            assertEchoes(open);
            IssuedCertificate next = issue();
            next.writeBundle(dir.resolve("tls"));

            await().atMost(Duration.ofSeconds(10)).until(() -> next.certificate().getSerialNumber()
                    .equals(presentedSerial()));
            assertThat(before).isNotEqualTo(next.certificate().getSerialNumber());
            assertThat(tls.reloads()).isEqualTo(1);
            assertThat(tls.presenting()).singleElement().satisfies(p -> {
                assertThat(p.serial()).as("what the context says it presents").isEqualTo(presentedSerial());
                assertThat(p.subject()).contains("CN=server");
                assertThat(p.notAfter()).isEqualTo(next.certificate().getNotAfter().toInstant());
            });
            assertEchoes(open);
            assertThat(((X509Certificate) open.getSession().getPeerCertificates()[0]).getSerialNumber())
                    .as("the open connection keeps the certificate it was handshaken with").isEqualTo(before);
        }
    }

    @Test
    void aKeyThatDoesNotBelongToTheCertificateIsRefusedAndThePreviousContextStays() throws Exception {
        BigInteger before = presentedSerial();
        Path other = dir.resolve("other");
        issue().writeBundle(other);
        Files.copy(other.resolve("server.crt"), cert, java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        assertThatThrownBy(() -> ReloadingSslContext.requireMatch(new ReloadingSslContext.KeyPairFiles(cert, key)))
                .isInstanceOf(GeneralSecurityException.class).hasMessageContaining("is not the key of");
        Thread.sleep(800); // past the quiet period: the poller has seen and refused it
        assertThat(tls.reloads()).isZero();
        assertThat(presentedSerial()).isEqualTo(before);
        assertThat(tls.presenting()).extracting(ReloadingSslContext.Presented::serial).containsExactly(before);

        Files.copy(other.resolve("server.key"), key, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        await().atMost(Duration.ofSeconds(10)).until(() -> !before.equals(presentedSerial()));
        assertThat(tls.reloads()).isEqualTo(1);
    }

    @Test
    void aMissingFileAtStartIsAStartFailure() {
        assertThatThrownBy(() -> ReloadingSslContext.watch("absent", () -> SslContextBuilder.forServer(
                        dir.resolve("no.crt").toFile(), dir.resolve("no.key").toFile()).build(),
                List.of(new ReloadingSslContext.KeyPairFiles(dir.resolve("no.crt"), dir.resolve("no.key"))), List.of()))
                .isInstanceOf(java.io.IOException.class);
    }
}
