package dev.citadel.egress;

import dev.citadel.egress.config.ConfigException;
import dev.citadel.egress.config.EgressProperties;
import dev.citadel.egress.config.EgressProperties.Management;
import dev.citadel.egress.management.ManagementHandler;
import dev.citadel.egress.management.ManagementInitializer;
import dev.citadel.egress.observe.DecisionLog;
import dev.citadel.egress.observe.DecisionLogAppender;
import dev.citadel.egress.observe.EgressMetrics;
import dev.citadel.egress.policy.AllowList;
import dev.citadel.egress.policy.DestinationResolver;
import dev.citadel.egress.policy.SourceCredentials;
import dev.citadel.egress.proxy.EgressInitializer;
import dev.citadel.egress.proxy.ProxyContext;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.ClientAuth;
import dev.citadel.platform.tls.ReloadingSslContext;
import dev.citadel.platform.tls.ReloadingSslContext.KeyPairFiles;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.List;
import io.netty.handler.ssl.SslContextBuilder;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Bootstraps the firewall: event loops, the proxy and management listeners, the decision log, graceful stop. */
public final class EgressFirewallServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EgressFirewallServer.class);
    private static final int RESOLVER_THREADS = 4;

    private final EgressProperties props;
    private final EgressMetrics metrics = new EgressMetrics();
    private final boolean epoll = Epoll.isAvailable();
    private EventLoopGroup boss;
    private EventLoopGroup workers;
    private DestinationResolver resolver;
    private Channel proxyListener;
    private Channel managementListener;
    private ReloadingSslContext managementTls;

    public EgressFirewallServer(EgressProperties props) {
        this.props = props;
    }

    public EgressFirewallServer start() throws SSLException, InterruptedException {
        SourceCredentials credentials = SourceCredentials.load(props.sources());
        managementTls = managementTls(props.management());
        DecisionLogAppender.install(props.decisionLog());
        resolver = new DestinationResolver(props.resolver(), RESOLVER_THREADS);
        boss = new MultiThreadIoEventLoopGroup(1, epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        workers = new MultiThreadIoEventLoopGroup(0, epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        ProxyContext rt = new ProxyContext(props.stamp(), props.limits(), credentials, new AllowList(props.sources()),
                resolver, metrics, DecisionLog.toLogger(),
                epoll ? EpollSocketChannel.class : NioSocketChannel.class);
        proxyListener = bind(props.listener().address(), props.listener().port(), new EgressInitializer(rt), false);
        managementListener = bind(props.management().address(), props.management().port(),
                new ManagementInitializer(managementTls, new ManagementHandler(metrics,
                        new HashSet<>(props.management().allowedClients()), this::proxyUp)), true);
        log.info("egress firewall for stamp {} listening: proxy {}, management {} ({} transport, {} sources)",
                props.stamp(), proxyPort(), managementPort(), epoll ? "epoll" : "nio", props.sources().size());
        return this;
    }

    private Channel bind(String address, int port, ChannelHandler initializer, boolean autoRead)
            throws InterruptedException {
        Class<? extends ServerChannel> serverChannel = epoll ? EpollServerSocketChannel.class
                : NioServerSocketChannel.class;
        return new ServerBootstrap().group(boss, workers).channel(serverChannel)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                // Proxy connections read only when there is somewhere to put the bytes (backpressure).
                .childOption(ChannelOption.AUTO_READ, autoRead)
                .childHandler(initializer)
                .bind(address, port).sync().channel();
    }

    /** Follows its files: a rotated certificate is presented by the next connection, without a restart. */
    private static ReloadingSslContext managementTls(Management m) throws SSLException {
        check("management.certificate", m.certificate());
        check("management.privateKey", m.privateKey());
        check("management.clientCa", m.clientCa());
        try {
            return ReloadingSslContext.watch("management", () -> SslContextBuilder.forServer(m.certificate().toFile(),
                            m.privateKey().toFile())
                    .protocols("TLSv1.3", "TLSv1.2")
                    .trustManager(m.clientCa().toFile())
                    .clientAuth(ClientAuth.REQUIRE)
                    .build(), List.of(new KeyPairFiles(m.certificate(), m.privateKey())), List.of(m.clientCa()));
        } catch (SSLException e) {
            throw e;
        } catch (IOException | GeneralSecurityException e) {
            throw new SSLException("management TLS: " + e.getMessage(), e);
        }
    }

    private static void check(String key, Path file) {
        if (!Files.isReadable(file)) {
            throw new ConfigException(key, "cannot read file " + file);
        }
    }

    public boolean proxyUp() {
        return proxyListener != null && proxyListener.isActive();
    }

    public int proxyPort() {
        return ((InetSocketAddress) proxyListener.localAddress()).getPort();
    }

    public int managementPort() {
        return ((InetSocketAddress) managementListener.localAddress()).getPort();
    }

    public EgressMetrics metrics() {
        return metrics;
    }

    /** Stops accepting, gives open exchanges the quiet period to finish, then closes everything. */
    @Override
    public void close() {
        if (proxyListener != null) {
            proxyListener.close().awaitUninterruptibly();
        }
        if (managementListener != null) {
            managementListener.close().awaitUninterruptibly();
        }
        if (workers != null) {
            workers.shutdownGracefully(100, 5000, TimeUnit.MILLISECONDS).awaitUninterruptibly();
            boss.shutdownGracefully(100, 5000, TimeUnit.MILLISECONDS).awaitUninterruptibly();
        }
        if (resolver != null) {
            resolver.close();
        }
        if (managementTls != null) {
            managementTls.close();
        }
        log.info("egress firewall for stamp {} stopped", props.stamp());
    }
}
