package dev.citadel.edge.admin;

import dev.citadel.edge.observe.EdgeMetrics;
import dev.citadel.edge.origin.OriginRegistry;
import dev.citadel.edge.origin.OriginRegistry.OriginView;
import dev.citadel.platform.tls.ReloadingSslContext;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The operator API (management listener only; the TLS layer demanded a certificate of the operator CA and
 * {@link OperatorIdentityHandler} admitted only the allowed subjects):
 * <pre>
 * GET  /origins                          origins with health, probe window, weight, priority, enabled
 * POST /origins/{name}/weight?value=N    set the weight (0..1000)
 * POST /origins/{name}/enable|disable    take an origin in or out of rotation
 * POST /origins/{name}/clone?from=O&amp;host=H&amp;port=P&amp;probeHost=H&amp;probePort=P&amp;weight=N
 *                                        add origin {name} to O's group: O's stamp, TLS name, edge id, priority and
 *                                        probe path, at another address (a release's new unit); 409 if it exists
 * DELETE /origins/{name}                 remove an origin (409 for the last one of its group)
 * GET  /waf/mode   POST /waf/mode?value=prevention|detection
 * POST /waf/reload                       re-read the waf: section of the config file, swap the rules in whole
 * GET  /metrics                          Prometheus text format
 * GET  /tls                              each followed TLS context: its reloads and the certificates it presents
 *                                        now (subject, serial in hex, notAfter), e.g. the client certificate the
 *                                        next connection to an origin shows
 * </pre>
 * Changes swap immutable snapshots, so they apply to the next request without touching any connection.
 */
@Sharable
public final class AdminHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger log = LoggerFactory.getLogger(AdminHandler.class);
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final OriginRegistry registry;
    private final WafSwitch waf;
    private final EdgeMetrics metrics;
    private final Supplier<List<ReloadingSslContext>> tls;

    public AdminHandler(OriginRegistry registry, WafSwitch waf, EdgeMetrics metrics,
                        Supplier<List<ReloadingSslContext>> tls) {
        this.registry = registry;
        this.waf = waf;
        this.metrics = metrics;
        this.tls = tls;
    }

    /**
     * Loading CRS takes a few hundred ms of CPU: that runs here, never on an event loop that also serves clients.
     * One thread, so two reloads never race.
     */
    private static final java.util.concurrent.ExecutorService RELOADER =
            java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "waf-reload");
                t.setDaemon(true);
                return t;
            });

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
        boolean keepAlive = HttpUtil.isKeepAlive(req);
        if (req.decoderResult().isSuccess() && HttpMethod.POST.equals(req.method())
                && new QueryStringDecoder(req.uri()).path().equals("/waf/reload")) {
            // No further request of this connection is read until the answer is written: answers keep their order.
            ctx.channel().config().setAutoRead(false);
            java.util.concurrent.CompletableFuture.supplyAsync(this::wafReload, RELOADER)
                    .exceptionally(e -> problem(HttpResponseStatus.INTERNAL_SERVER_ERROR, "WAF reload failed;"
                            + " previous rules kept."))
                    .thenAccept(res -> {
                        write(ctx, res, keepAlive);
                        ctx.channel().config().setAutoRead(true);
                    });
            return;
        }
        write(ctx, handle(req), keepAlive);
    }

    private static void write(ChannelHandlerContext ctx, FullHttpResponse res, boolean keepAlive) {
        HttpUtil.setKeepAlive(res, keepAlive);
        var f = ctx.writeAndFlush(res);
        if (!keepAlive) {
            f.addListener(io.netty.channel.ChannelFutureListener.CLOSE);
        }
    }

    FullHttpResponse handle(FullHttpRequest req) {
        if (!req.decoderResult().isSuccess()) {
            return problem(HttpResponseStatus.BAD_REQUEST, "Malformed request.");
        }
        QueryStringDecoder q = new QueryStringDecoder(req.uri());
        String[] parts = q.path().replaceAll("^/+|/+$", "").split("/");
        boolean get = HttpMethod.GET.equals(req.method());
        boolean post = HttpMethod.POST.equals(req.method());
        if (get && q.path().equals("/origins")) {
            return json(HttpResponseStatus.OK, origins());
        }
        if (get && q.path().equals("/tls")) {
            return json(HttpResponseStatus.OK, tlsContexts());
        }
        if (get && q.path().equals("/metrics")) {
            return text(HttpResponseStatus.OK, metrics.scrape(), "text/plain; version=0.0.4; charset=utf-8");
        }
        if (q.path().equals("/waf/mode") && (get || post)) {
            return wafMode(post, param(q, "value"));
        }
        if (post && parts.length == 3 && parts[0].equals("origins") && parts[2].equals("clone")) {
            return cloneOrigin(parts[1], q);
        }
        if (post && parts.length == 3 && parts[0].equals("origins")) {
            return changeOrigin(parts[1], parts[2], param(q, "value"));
        }
        if (HttpMethod.DELETE.equals(req.method()) && parts.length == 2 && parts[0].equals("origins")) {
            return removeOrigin(parts[1]);
        }
        return problem(HttpResponseStatus.NOT_FOUND, "No such admin resource.");
    }

    private FullHttpResponse changeOrigin(String name, String action, String value) {
        if (registry.find(name).isEmpty()) {
            return problem(HttpResponseStatus.NOT_FOUND, "No origin named '" + name + "'.");
        }
        switch (action) {
            case "enable", "disable" -> registry.setEnabled(name, action.equals("enable"));
            case "weight" -> {
                int weight;
                try {
                    weight = Integer.parseInt(value == null ? "" : value);
                } catch (NumberFormatException e) {
                    return problem(HttpResponseStatus.BAD_REQUEST, "weight needs ?value=0..1000");
                }
                if (weight < 0 || weight > 1000) {
                    return problem(HttpResponseStatus.BAD_REQUEST, "weight needs ?value=0..1000");
                }
                registry.setWeight(name, weight);
            }
            default -> {
                return problem(HttpResponseStatus.NOT_FOUND, "Unknown origin action '" + action + "'.");
            }
        }
        log.info("operator changed origin {}: {} {}", name, action, value == null ? "" : value);
        return json(HttpResponseStatus.OK, view(registry.find(name).orElseThrow()));
    }

    private FullHttpResponse cloneOrigin(String name, QueryStringDecoder q) {
        if (!name.matches("[A-Za-z0-9._-]{1,100}")) {
            return problem(HttpResponseStatus.BAD_REQUEST, "origin names are 1-100 letters, digits, '.', '_' or '-'");
        }
        String from = param(q, "from");
        var template = from == null ? java.util.Optional.<OriginView>empty() : registry.find(from);
        if (template.isEmpty()) {
            return problem(HttpResponseStatus.BAD_REQUEST, "clone needs ?from= an existing origin");
        }
        String host = param(q, "host");
        Integer port = number(param(q, "port"), 1, 65535);
        String probeHost = param(q, "probeHost") == null ? host : param(q, "probeHost");
        Integer probePort = param(q, "probePort") == null ? port : number(param(q, "probePort"), 1, 65535);
        Integer weight = param(q, "weight") == null ? Integer.valueOf(0) : number(param(q, "weight"), 0, 1000);
        if (host == null || !host.matches("[A-Za-z0-9.:-]{1,253}") || !probeHost.matches("[A-Za-z0-9.:-]{1,253}")
                || port == null || probePort == null || weight == null) {
            return problem(HttpResponseStatus.BAD_REQUEST,
                    "clone needs ?host=&port=1..65535 (and optionally probeHost, probePort, weight=0..1000)");
        }
        OriginView t = template.get();
        var o = t.origin();
        var probe = new dev.citadel.edge.config.EdgeProperties.ProbeTarget(probeHost, probePort,
                o.probe().tlsServerName(), o.probe().path());
        var origin = new dev.citadel.edge.config.EdgeProperties.Origin(name, host, port, o.tlsServerName(), weight,
                o.priority(), true, probe, o.stamp(), o.edgeId(), o.edgeIdFile());
        if (!registry.add(t.group(), origin)) {
            return problem(HttpResponseStatus.CONFLICT, "An origin named '" + name + "' exists.");
        }
        log.info("operator added origin {} to group {} ({}:{}, like {}, weight {})", name, t.group(), host, port, from,
                weight);
        return json(HttpResponseStatus.CREATED, view(registry.find(name).orElseThrow()));
    }

    private FullHttpResponse removeOrigin(String name) {
        var v = registry.find(name);
        if (v.isEmpty()) {
            return problem(HttpResponseStatus.NOT_FOUND, "No origin named '" + name + "'.");
        }
        if (registry.group(v.get().group()).size() == 1) {
            return problem(HttpResponseStatus.CONFLICT, "'" + name + "' is the last origin of group '"
                    + v.get().group() + "'.");
        }
        registry.remove(name);
        log.info("operator removed origin {}", name);
        return json(HttpResponseStatus.OK, Map.of("removed", name));
    }

    private static Integer number(String text, int min, int max) {
        try {
            int n = Integer.parseInt(text == null ? "" : text);
            return n < min || n > max ? null : n;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private FullHttpResponse wafMode(boolean change, String value) {
        if (change) {
            try {
                waf.mode(value == null ? "" : value);
            } catch (IllegalArgumentException e) {
                return problem(HttpResponseStatus.BAD_REQUEST, "mode needs ?value=prevention|detection");
            }
            log.info("operator set WAF mode {}", value);
        }
        return json(HttpResponseStatus.OK, Map.of("mode", waf.mode()));
    }

    FullHttpResponse wafReload() {
        long t0 = System.nanoTime();
        try {
            Map<String, Object> now = waf.reload();
            log.info("operator reloaded the WAF in {} ms: {}", (System.nanoTime() - t0) / 1_000_000, now);
            return json(HttpResponseStatus.OK, now);
        } catch (IllegalArgumentException e) {
            log.warn("operator's WAF reload refused, previous rules kept: {}", e.getMessage());
            return problem(HttpResponseStatus.BAD_REQUEST, "Invalid WAF configuration, previous rules kept: "
                    + e.getMessage());
        } catch (IllegalStateException e) {
            return problem(HttpResponseStatus.CONFLICT, e.getMessage());
        }
    }

    private List<Map<String, Object>> tlsContexts() {
        return tls.get().stream().map(context -> {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("name", context.name());
            view.put("reloads", context.reloads());
            view.put("presenting", context.presenting().stream().map(p -> {
                Map<String, Object> certificate = new LinkedHashMap<>();
                certificate.put("subject", p.subject());
                certificate.put("serial", p.serial().toString(16));
                certificate.put("notAfter", p.notAfter().toString());
                return certificate;
            }).toList());
            return view;
        }).toList();
    }

    private List<Map<String, Object>> origins() {
        return registry.all().stream().map(this::view).toList();
    }

    private Map<String, Object> view(OriginView v) {
        return OriginStatus.forOperator(v, registry.health(v.origin().name()));
    }

    private static String param(QueryStringDecoder q, String name) {
        List<String> v = q.parameters().get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    private static FullHttpResponse json(HttpResponseStatus status, Object body) {
        return text(status, JSON.writeValueAsString(body), "application/json");
    }

    static FullHttpResponse problem(HttpResponseStatus status, String detail) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("type", "https://citadel.dev/problems/edge-admin/" + status.code());
        p.put("title", status.reasonPhrase());
        p.put("status", status.code());
        p.put("detail", detail);
        return text(status, JSON.writeValueAsString(p), "application/problem+json");
    }

    private static FullHttpResponse text(HttpResponseStatus status, String body, String type) {
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, type).setInt(HttpHeaderNames.CONTENT_LENGTH,
                r.content().readableBytes());
        return r;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("admin connection {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
