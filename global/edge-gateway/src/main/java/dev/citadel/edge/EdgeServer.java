package dev.citadel.edge;

import dev.citadel.edge.admin.AdminHandler;
import dev.citadel.edge.admin.AdminInitializer;
import dev.citadel.edge.admin.OperatorIdentityHandler;
import dev.citadel.edge.admin.StatusProjectionHandler;
import dev.citadel.edge.cache.ResponseCache;
import dev.citadel.edge.config.EdgeProperties;
import dev.citadel.edge.config.EdgeProperties.Listener;
import dev.citadel.edge.headers.SecurityHeadersHandler;
import dev.citadel.edge.observe.AccessLog;
import dev.citadel.edge.observe.EdgeMetrics;
import dev.citadel.edge.origin.OriginRegistry;
import dev.citadel.edge.origin.OriginSelector;
import dev.citadel.edge.probe.ProbeScheduler;
import dev.citadel.edge.proxy.EdgeInitializer;
import dev.citadel.edge.proxy.HttpsRedirectHandler;
import dev.citadel.edge.proxy.OriginPool;
import dev.citadel.edge.proxy.OriginPools;
import dev.citadel.edge.proxy.ProxyFrontendHandler;
import dev.citadel.edge.proxy.ProxyRuntime;
import dev.citadel.edge.proxy.RequestRewriter;
import dev.citadel.edge.reject.Rejects;
import dev.citadel.edge.routing.RouteTable;
import dev.citadel.edge.tls.HandshakeFailureHandler;
import dev.citadel.edge.tls.HandshakeFailureLog;
import dev.citadel.edge.tls.TlsContexts;
import dev.citadel.edge.origin.EdgeIdFollower;
import dev.citadel.platform.tls.ReloadingSslContext;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
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
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.ReadTimeoutHandler;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Bootstraps the edge: event loops, the three listeners (HTTPS, HTTP→HTTPS, management), probes, shutdown. */
public final class EdgeServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EdgeServer.class);
    static final String STATUS = "status";

    private final EdgeProperties props;
    private final EdgeSecurity security;
    private final EdgeMetrics metrics = new EdgeMetrics();
    private final OriginRegistry registry;
    private final boolean epoll = Epoll.isAvailable();
    private final List<Channel> listeners = new ArrayList<>();
    /** Written while starting, read by the admin API's threads. */
    private final List<ReloadingSslContext> followedTls = new java.util.concurrent.CopyOnWriteArrayList<>();
    private EventLoopGroup boss;
    private EventLoopGroup workers;
    private OriginPools pools;
    private AccessLog accessLog;
    private ProbeScheduler probes;
    private java.util.concurrent.ScheduledFuture<?> edgeIdFollower;
    private int httpsPort = -1;
    private int httpPort = -1;
    private int adminPort = -1;

    /** @param security builds the rate limiter and WAF stage ({@link EdgeSecurity#from} in production). */
    public EdgeServer(EdgeProperties props, BiFunction<EdgeProperties, EdgeMetrics, EdgeSecurity> security) {
        this.props = props;
        this.security = security.apply(props, metrics);
        this.registry = new OriginRegistry(props);
    }

    public EdgeServer start() throws SSLException, InterruptedException {
        boss = new MultiThreadIoEventLoopGroup(1, epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        workers = new MultiThreadIoEventLoopGroup(props.listeners().effectiveIoThreads(), epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        Class<? extends Channel> clientChannel = epoll ? EpollSocketChannel.class : NioSocketChannel.class;
        TlsContexts.requireReadable(props.tls());
        ReloadingSslContext originTls = follow(TlsContexts.followingOriginClient(props.tls()));
        HandshakeFailureLog handshakeFailures = HandshakeFailureLog.toLogger(metrics);
        pools = new OriginPools(originTls, clientChannel, props.timeouts().connectMs(),
                props.limits().maxResponseBytes(), handshakeFailures);
        Rejects rejects = new Rejects(metrics);
        ProxyRuntime rt = new ProxyRuntime(new RouteTable(props.routes()), registry, new OriginSelector(registry),
                pools, new RequestRewriter(),
                new ResponseCache(props.cache().maxBytes(), props.cache().maxEntryBytes(), System::nanoTime),
                metrics, rejects, props.timeouts());
        List<Map.Entry<String, ChannelHandler>> requestStages = publicRequestStages(props, security, registry);
        accessLog = AccessLog.toLogger(metrics);
        SecurityHeadersHandler securityHeaders = new SecurityHeadersHandler(props.securityHeaders());
        EdgeInitializer https = new EdgeInitializer(follow(TlsContexts.followingPublicServer(props.tls())), props.limits(), rejects,
                metrics, accessLog, requestStages, new ProxyFrontendHandler(rt), securityHeaders,
                new HandshakeFailureHandler("public", handshakeFailures));
        httpsPort = bind(props.listeners().https(), https);
        if (props.listeners().http().enabled()) {
            HttpsRedirectHandler redirect = new HttpsRedirectHandler(httpsPort);
            httpPort = bind(props.listeners().http(), new ChannelInitializer<>() {
                @Override
                protected void initChannel(Channel ch) {
                    ch.pipeline().addLast("idle", new ReadTimeoutHandler(props.limits().clientIdleSeconds()))
                            .addLast("http-codec", new HttpServerCodec())
                            .addLast(SecurityHeadersHandler.NAME, securityHeaders)
                            .addLast("redirect", redirect);
                }
            });
        }
        if (props.listeners().management().enabled()) {
            adminPort = bind(props.listeners().management(), new AdminInitializer(
                    follow(TlsContexts.followingManagementServer(props.tls())),
                    new HandshakeFailureHandler("management", handshakeFailures), securityHeaders,
                    new OperatorIdentityHandler(props.admin().allowedClients()),
                    new AdminHandler(registry, security.wafSwitch(), metrics, () -> List.copyOf(followedTls))));
        }
        // Probes run on the acceptor's loop, which is otherwise idle, so they never queue behind client traffic.
        EventLoop probeLoop = boss.next();
        probes = new ProbeScheduler(registry, props.probes(), probeLoop,
                new OriginPool(probeLoop, originTls, clientChannel, props.timeouts().connectMs(), 64 * 1024,
                        handshakeFailures));
        probes.start();
        edgeIdFollower = probeLoop.scheduleWithFixedDelay(new EdgeIdFollower(registry), 1, 1, TimeUnit.SECONDS);
        log.info(startupLine(httpsPort, httpPort, adminPort, epoll ? "epoll" : "nio", TlsContexts.provider()));
        return this;
    }

    /**
     * What runs on the public listener between the aggregator and routing: rate limit and WAF, then the origin
     * status view only if {@code status.enabled} (off by default: it tells the internet which stamps are healthy).
     */
    static List<Map.Entry<String, ChannelHandler>> publicRequestStages(EdgeProperties props, EdgeSecurity security,
                                                                       OriginRegistry registry) {
        List<Map.Entry<String, ChannelHandler>> stages = new ArrayList<>(security.handlers());
        if (props.status().enabled()) {
            stages.add(Map.entry(STATUS, new StatusProjectionHandler(registry, props.status().path())));
        }
        return stages;
    }

    /** The start-up log line: ports and engines only; the edge ids are credentials and never logged. */
    static String startupLine(int https, int http, int admin, String transport, String tls) {
        return "edge listening: https " + https + ", http " + http + ", management " + admin + " (" + transport
                + " transport, " + tls + " TLS)";
    }

    private int bind(Listener l, ChannelHandler initializer) throws InterruptedException {
        Class<? extends ServerChannel> serverChannel = epoll ? EpollServerSocketChannel.class
                : NioServerSocketChannel.class;
        Channel ch = new ServerBootstrap().group(boss, workers).channel(serverChannel)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(initializer)
                .bind(l.host(), l.port()).sync().channel();
        listeners.add(ch);
        return ((InetSocketAddress) ch.localAddress()).getPort();
    }

    public int httpsPort() {
        return httpsPort;
    }

    public int httpPort() {
        return httpPort;
    }

    public int adminPort() {
        return adminPort;
    }

    public OriginRegistry registry() {
        return registry;
    }

    public EdgeMetrics metrics() {
        return metrics;
    }

    private ReloadingSslContext follow(ReloadingSslContext tls) {
        followedTls.add(tls);
        return tls;
    }

    /** Stops accepting, lets in-flight exchanges finish (quiet period), then closes everything. */
    @Override
    public void close() {
        if (probes != null) {
            probes.stop();
        }
        if (edgeIdFollower != null) {
            edgeIdFollower.cancel(false);
        }
        listeners.forEach(ch -> ch.close().awaitUninterruptibly());
        if (pools != null) {
            pools.closeAll();
        }
        if (workers != null) {
            workers.shutdownGracefully(100, 5000, TimeUnit.MILLISECONDS).awaitUninterruptibly();
            boss.shutdownGracefully(100, 5000, TimeUnit.MILLISECONDS).awaitUninterruptibly();
        }
        if (accessLog != null) {
            accessLog.close();
        }
        followedTls.forEach(ReloadingSslContext::close);
    }
}
