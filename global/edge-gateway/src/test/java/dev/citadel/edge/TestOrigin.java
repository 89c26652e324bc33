package dev.citadel.edge;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stamp stand-in for component tests: a real HTTPS server on loopback that REQUIRES a client certificate from
 * the citadel CA (like the stamps), records what it received, and can be killed (every connection dropped) and
 * restarted on the same port. Paths: /health/stamp answers {@link #healthStatus} (with {@link #verdict} as its
 * {@code X-Citadel-Verdict} when set); /status/NNN answers NNN; /problem/SLUG answers 503 problem+json of type SLUG;
 * /slow/MS waits MS ms; /cache/... answers with public caching headers; anything else 200 with the origin name,
 * or, while {@link #problem} is set, 503 problem+json of that type (a stamp whose dependency died, or one shedding).
 */
final class TestOrigin implements AutoCloseable {
    record Received(String method, String uri, HttpHeaders headers, String body, String clientCertSubject) {}

    final String name;
    final String dnsName;
    // A queue, not a copy-on-write list: load tests record thousands of requests.
    final Queue<Received> received = new ConcurrentLinkedQueue<>();
    final AtomicInteger posts = new AtomicInteger();
    final AtomicInteger served = new AtomicInteger();
    final AtomicInteger probes = new AtomicInteger();
    volatile int healthStatus = 200;
    volatile String verdict;
    volatile String problem;
    private final SslContext ssl;
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final ChannelGroup channels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private Channel server;
    private int port;

    TestOrigin(TestPki pki, String name, String dnsName) throws Exception {
        this.name = name;
        this.dnsName = dnsName;
        Path[] pem = pki.originCertificate(name, dnsName);
        ssl = SslContextBuilder.forServer(pem[0].toFile(), pem[1].toFile())
                .trustManager(pki.dir.resolve("citadel-ca.crt").toFile())
                .clientAuth(ClientAuth.REQUIRE)
                .build();
    }

    TestOrigin start() throws InterruptedException {
        if (port != 0) {
            server = bind(port);
            return this;
        }
        // Below the kernel's ephemeral range (32768 and up by default): a restarted origin binds its port again, and a
        // port from that range may meanwhile be taken by any outgoing connection of this machine, the edge's own too.
        for (int attempt = 0; ; attempt++) {
            int candidate = 20_000 + java.util.concurrent.ThreadLocalRandom.current().nextInt(12_000);
            try {
                server = bind(candidate);
                port = candidate;
                return this;
            } catch (Exception e) { // Netty's sync() rethrows the bind's checked BindException as it is
                if (e instanceof InterruptedException interrupted) {
                    throw interrupted;
                }
                if (!(e instanceof java.net.BindException) || attempt == 50) {
                    throw e instanceof RuntimeException r ? r : new IllegalStateException("cannot bind an origin", e);
                }
            }
        }
    }

    private Channel bind(int onPort) throws InterruptedException {
        return new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        channels.add(ch);
                        ch.pipeline().addLast(ssl.newHandler(ch.alloc()), new HttpServerCodec(),
                                new HttpObjectAggregator(4 * 1024 * 1024), new Handler());
                    }
                }).bind("127.0.0.1", onPort).sync().channel();
    }

    int port() {
        return port;
    }

    /** Like a crashed process: the listener and every open connection go away at once. */
    void kill() {
        server.close().syncUninterruptibly();
        channels.close().syncUninterruptibly();
    }

    String originYaml(int weight, int priority) {
        return "      - name: " + name + "\n        host: 127.0.0.1\n        port: " + port
                + "\n        tlsServerName: " + dnsName + "\n        weight: " + weight + "\n        priority: " + priority
                + "\n";
    }

    @Override
    public void close() {
        kill();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private static final java.util.regex.Pattern TAIL =
            java.util.regex.Pattern.compile("/(status|slow|cache|problem)/([\\w-]+)");

    private final class Handler extends SimpleChannelInboundHandler<FullHttpRequest> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) throws Exception {
            String subject = ((SslHandler) ctx.pipeline().first()).engine().getSession().getPeerPrincipal().getName();
            String path = req.uri();
            if (!path.equals("/health/stamp")) {
                received.add(new Received(req.method().name(), req.uri(), req.headers().copy(),
                        req.content().toString(StandardCharsets.UTF_8), subject));
            }
            if (HttpMethod.POST.equals(req.method())) {
                posts.incrementAndGet();
            }
            int status = 200;
            long delay = 0;
            String cache = null;
            String problemType = null;
            java.util.regex.Matcher m = TAIL.matcher(path);
            if (path.equals("/health/stamp")) {
                probes.incrementAndGet();
                status = healthStatus;
            } else if (m.find()) {
                switch (m.group(1)) {
                    case "status" -> status = Integer.parseInt(m.group(2));
                    case "slow" -> delay = Long.parseLong(m.group(2));
                    case "problem" -> problemType = m.group(2);
                    default -> cache = "public, max-age=60";
                }
            } else if (problem != null) {
                problemType = problem;
            }
            if (problemType != null) {
                status = 503;
            }
            served.incrementAndGet();
            // A health model as the stamps' health-service shapes it, internal address included.
            boolean model = path.equals("/health/model");
            String body = model ? "{\"region\":\"" + name + "\",\"status\":\"green\",\"score\":1.0,\"flows\":[],"
                    + "\"source\":\"https://127.0.0.1:" + port() + "/actuator/prometheus\"}"
                    : problemType != null ? "{\"type\":\"https://citadel.dev/problems/" + problemType
                            + "\",\"title\":\"Temporarily unavailable\",\"status\":503}"
                    : name + " " + served.get();
            FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status),
                    Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
            res.headers().set("X-Origin", name).set(HttpHeaderNames.CONTENT_TYPE, model ? "application/json"
                            : problemType != null ? "application/problem+json" : "text/plain")
                    .set("Keep-Alive", "timeout=60").setInt(HttpHeaderNames.CONTENT_LENGTH, res.content().readableBytes());
            if (cache != null) {
                res.headers().set(HttpHeaderNames.CACHE_CONTROL, cache);
            }
            if (problemType != null) {
                res.headers().set(HttpHeaderNames.RETRY_AFTER, "1");
            }
            String v = verdict;
            if (path.equals("/health/stamp") && v != null) {
                res.headers().set("X-Citadel-Verdict", v);
            }
            HttpUtil.setKeepAlive(res, HttpUtil.isKeepAlive(req));
            if (delay > 0) {
                ctx.executor().schedule(() -> ctx.writeAndFlush(res), delay, TimeUnit.MILLISECONDS);
            } else {
                ctx.writeAndFlush(res);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
