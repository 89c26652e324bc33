package dev.citadel.edge.tls;

import dev.citadel.edge.config.EdgeProperties.Tls;
import io.netty.handler.codec.http2.Http2SecurityUtil;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolConfig.Protocol;
import io.netty.handler.ssl.ApplicationProtocolConfig.SelectedListenerFailureBehavior;
import io.netty.handler.ssl.ApplicationProtocolConfig.SelectorFailureBehavior;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;
import dev.citadel.edge.config.ConfigException;
import dev.citadel.platform.tls.ReloadingSslContext;
import dev.citadel.platform.tls.ReloadingSslContext.KeyPairFiles;
import java.io.File;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.List;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.net.ssl.SSLException;

/** Builds the edge's three TLS contexts from the PEM files named in {@code tls.*}. */
public final class TlsContexts {
    private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};
    /** BoringSSL (netty-tcnative) when present, else the JDK's engine; both do ALPN, mTLS and name checks. */
    private static final SslProvider PROVIDER = OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK;

    public static String provider() {
        return PROVIDER.name();
    }

    private TlsContexts() {
    }

    /** The public listener: HTTP/2 and HTTP/1.1 offered by ALPN, no client certificate. */
    public static SslContext publicServer(Tls tls) throws SSLException {
        requireReadable(tls);
        return SslContextBuilder.forServer(file(tls.certificate().toString()), file(tls.privateKey().toString()))
                .sslProvider(PROVIDER)
                .protocols(PROTOCOLS)
                .ciphers(Http2SecurityUtil.CIPHERS, SupportedCipherSuiteFilter.INSTANCE)
                .applicationProtocolConfig(new ApplicationProtocolConfig(Protocol.ALPN,
                        SelectorFailureBehavior.NO_ADVERTISE, SelectedListenerFailureBehavior.ACCEPT,
                        ApplicationProtocolNames.HTTP_2, ApplicationProtocolNames.HTTP_1_1))
                .build();
    }

    /** The management listener: the operator's client certificate is REQUIRED and checked against its CA. */
    public static SslContext managementServer(Tls tls) throws SSLException {
        return SslContextBuilder.forServer(file(tls.certificate().toString()), file(tls.privateKey().toString()))
                .sslProvider(PROVIDER)
                .protocols(PROTOCOLS)
                .trustManager(file(tls.operatorCa().toString()))
                .clientAuth(ClientAuth.REQUIRE)
                .build();
    }

    /**
     * Towards the origins ("private link"): the edge presents its client certificate (mTLS), trusts only the
     * origin CA, and verifies the origin's name (HTTPS endpoint identification against the SNI name).
     */
    public static SslContext originClient(Tls tls) throws SSLException {
        return SslContextBuilder.forClient()
                .sslProvider(PROVIDER)
                .protocols(PROTOCOLS)
                .keyManager(file(tls.clientCertificate().toString()), file(tls.clientPrivateKey().toString()))
                .trustManager(file(tls.originCa().toString()))
                .endpointIdentificationAlgorithm("HTTPS")
                .build();
    }

    /**
     * The three contexts again, each following its files (a rotated certificate is used by the next connection,
     * without a restart): the public and management listeners' server certificate, and the client certificate
     * and origin CA towards the origins.
     */
    public static ReloadingSslContext followingPublicServer(Tls tls) throws SSLException {
        return follow("public", () -> publicServer(tls), List.of(new KeyPairFiles(tls.certificate(), tls.privateKey())),
                List.of());
    }

    public static ReloadingSslContext followingManagementServer(Tls tls) throws SSLException {
        return follow("management", () -> managementServer(tls),
                List.of(new KeyPairFiles(tls.certificate(), tls.privateKey())), List.of(tls.operatorCa()));
    }

    public static ReloadingSslContext followingOriginClient(Tls tls) throws SSLException {
        return follow("origin-client", () -> originClient(tls),
                List.of(new KeyPairFiles(tls.clientCertificate(), tls.clientPrivateKey())), List.of(tls.originCa()));
    }

    private static ReloadingSslContext follow(String name, ReloadingSslContext.Factory factory, List<KeyPairFiles> pairs,
                                              List<Path> others) throws SSLException {
        try {
            return ReloadingSslContext.watch(name, factory, pairs, others);
        } catch (SSLException e) {
            throw e;
        } catch (IOException | GeneralSecurityException e) {
            throw new SSLException(name + " TLS: " + e.getMessage(), e);
        }
    }

    /** Names the key of a missing file instead of letting the TLS library report "no valid certificates". */
    public static void requireReadable(Tls tls) {
        check("tls.certificate", tls.certificate());
        check("tls.privateKey", tls.privateKey());
        check("tls.clientCertificate", tls.clientCertificate());
        check("tls.clientPrivateKey", tls.clientPrivateKey());
        check("tls.originCa", tls.originCa());
        check("tls.operatorCa", tls.operatorCa());
    }

    private static void check(String key, Path path) {
        if (!Files.isReadable(path)) {
            throw new ConfigException(key, "cannot read file " + path);
        }
    }

    private static File file(String path) {
        return new File(path);
    }
}
