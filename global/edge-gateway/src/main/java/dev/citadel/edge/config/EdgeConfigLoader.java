package dev.citadel.edge.config;

import dev.citadel.edge.config.EdgeProperties.Admin;
import dev.citadel.edge.config.EdgeProperties.Cache;
import dev.citadel.edge.config.EdgeProperties.Ejection;
import dev.citadel.edge.config.EdgeProperties.Limits;
import dev.citadel.edge.config.EdgeProperties.Listener;
import dev.citadel.edge.config.EdgeProperties.Listeners;
import dev.citadel.edge.config.EdgeProperties.Origin;
import dev.citadel.edge.config.EdgeProperties.OriginGroup;
import dev.citadel.edge.config.EdgeProperties.ProbeTarget;
import dev.citadel.edge.config.EdgeProperties.Probes;
import dev.citadel.edge.config.EdgeProperties.Route;
import dev.citadel.edge.config.EdgeProperties.SecurityHeaders;
import dev.citadel.edge.config.EdgeProperties.StatusProjection;
import dev.citadel.edge.config.EdgeProperties.Timeouts;
import dev.citadel.edge.config.EdgeProperties.Tls;
import dev.citadel.edge.ratelimit.RateLimitConfig;
import dev.citadel.edge.waf.WafConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** Parses the edge's YAML file into {@link EdgeProperties}; every default lives here and in the README table. */
public final class EdgeConfigLoader {
    private static final Pattern ROUTE = Pattern.compile("/([A-Za-z0-9._~\\-]+/)*(\\*|[A-Za-z0-9._~\\-]+)?");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._\\-]{0,62}");
    private static final int MIB = 1024 * 1024;

    private EdgeConfigLoader() {
    }

    public static EdgeProperties load(Path file) {
        try {
            return parse(Files.readString(file));
        } catch (IOException e) {
            throw new ConfigException("--config", "cannot read " + file + ": " + e.getMessage());
        }
    }

    public static EdgeProperties parse(String yaml) {
        Map<?, ?> root;
        try {
            root = new YAMLMapper().readValue(yaml, Map.class);
        } catch (JacksonException e) {
            throw new ConfigException("(file)", "not valid YAML: " + e.getOriginalMessage());
        }
        ConfigReader r = new ConfigReader("", root);
        r.allowOnly(Set.of("edgeId", "listeners", "tls", "limits", "timeouts", "probes", "ejection", "cache",
                "originGroups", "routes", "waf", "rateLimit", "status", "admin", "securityHeaders"));
        String edgeId = r.string("edgeId", "");
        Secret fallbackEdgeId = edgeId.isEmpty() ? null : Secret.of(edgeId);
        Probes probes = probes(r.child("probes"));
        EdgeProperties props = new EdgeProperties(fallbackEdgeId, listeners(r.child("listeners")),
                tls(r.child("tls")), limits(r.child("limits")), timeouts(r.child("timeouts")), probes,
                new Ejection(ejection(r.child("ejection"))), cache(r.child("cache")),
                r.list("originGroups", true, g -> group(g, probes.path(), fallbackEdgeId)),
                r.list("routes", true, EdgeConfigLoader::route),
                r.raw("waf"), r.raw("rateLimit"), status(r.child("status")), admin(r.child("admin")),
                securityHeaders(r.child("securityHeaders")));
        validateSecuritySections(props);
        return props;
    }

    /** The WAF and rate-limit sections are bound by their own packages; run them now so startup fails early. */
    private static void validateSecuritySections(EdgeProperties props) {
        try {
            WafConfig.fromMap(props.waf());
        } catch (IllegalArgumentException e) {
            throw new ConfigException("waf", e.getMessage());
        }
        try {
            RateLimitConfig.fromMap(props.rateLimit());
        } catch (IllegalArgumentException e) {
            throw new ConfigException("rateLimit", e.getMessage());
        }
    }

    private static Listeners listeners(ConfigReader r) {
        r.allowOnly(Set.of("https", "http", "management", "ioThreads"));
        return new Listeners(listener(r.child("https"), "0.0.0.0", 8443), listener(r.child("http"), "0.0.0.0", 8080),
                listener(r.child("management"), "127.0.0.1", 9443), r.integer("ioThreads", 0, 0, 256));
    }

    private static Listener listener(ConfigReader r, String host, int port) {
        r.allowOnly(Set.of("host", "port"));
        return new Listener(r.string("host", host), r.integer("port", port, -1, 65535));
    }

    private static Tls tls(ConfigReader r) {
        r.allowOnly(Set.of("certificate", "privateKey", "clientCertificate", "clientPrivateKey", "originCa",
                "operatorCa"));
        return new Tls(r.path("certificate"), r.path("privateKey"), r.path("clientCertificate"),
                r.path("clientPrivateKey"), r.path("originCa"), r.path("operatorCa"));
    }

    private static Limits limits(ConfigReader r) {
        r.allowOnly(Set.of("maxInitialLineBytes", "maxHeaderBytes", "maxHeaderCount", "maxBodyBytes",
                "maxResponseBytes", "clientIdleSeconds", "requestDeadlineSeconds"));
        return new Limits(r.integer("maxInitialLineBytes", 8192, 256, MIB),
                r.integer("maxHeaderBytes", 16384, 1024, MIB), r.integer("maxHeaderCount", 100, 8, 10_000),
                r.integer("maxBodyBytes", MIB, 0, 512 * MIB), r.integer("maxResponseBytes", 16 * MIB, 1024, 512 * MIB),
                r.integer("clientIdleSeconds", 30, 1, 3600), r.integer("requestDeadlineSeconds", 10, 1, 3600));
    }

    private static Timeouts timeouts(ConfigReader r) {
        r.allowOnly(Set.of("connectMs", "tryMs", "overallMs"));
        return new Timeouts(r.integer("connectMs", 1000, 10, 60_000), r.integer("tryMs", 5000, 10, 600_000),
                r.integer("overallMs", 12_000, 10, 600_000));
    }

    private static Probes probes(ConfigReader r) {
        r.allowOnly(Set.of("path", "intervalMs", "timeoutMs", "sampleSize", "requiredSuccesses"));
        String path = r.string("path", "/health/stamp");
        if (!path.startsWith("/")) {
            throw r.error("path", "must start with '/' but was '" + path + "'");
        }
        return new Probes(path, r.integer("intervalMs", 1000, 50, 600_000), r.integer("timeoutMs", 800, 10, 60_000),
                r.integer("sampleSize", 3, 1, 100), r.integer("requiredSuccesses", 2, 1, 100));
    }

    private static StatusProjection status(ConfigReader r) {
        r.allowOnly(Set.of("enabled", "path"));
        String path = r.string("path", "/edge/status");
        if (!path.startsWith("/")) {
            throw r.error("path", "must start with '/' but was '" + path + "'");
        }
        return new StatusProjection(r.bool("enabled", false), path);
    }

    private static int ejection(ConfigReader r) {
        r.allowOnly(Set.of("consecutiveFailures"));
        return r.integer("consecutiveFailures", 3, 1, 1000);
    }

    private static Cache cache(ConfigReader r) {
        r.allowOnly(Set.of("maxBytes", "maxEntryBytes"));
        return new Cache(r.number("maxBytes", 64L * MIB, 0, 64L * 1024 * MIB),
                r.integer("maxEntryBytes", MIB, 0, 512 * MIB));
    }

    private static Admin admin(ConfigReader r) {
        r.allowOnly(Set.of("allowedClients"));
        List<String> clients = r.strings("allowedClients", List.of("operator"));
        if (clients.isEmpty()) {
            throw r.error("allowedClients", "needs at least one certificate CN (an empty list locks operators out)");
        }
        return new Admin(clients);
    }

    private static SecurityHeaders securityHeaders(ConfigReader r) {
        r.allowOnly(Set.of("hstsMaxAgeSeconds"));
        return new SecurityHeaders(r.number("hstsMaxAgeSeconds", 31_536_000L, 0, 63_072_000L));
    }

    private static OriginGroup group(ConfigReader r, String probePath, Secret fallbackEdgeId) {
        r.allowOnly(Set.of("name", "origins"));
        return new OriginGroup(name(r), r.list("origins", true, o -> origin(o, probePath, fallbackEdgeId)));
    }

    private static Origin origin(ConfigReader r, String probePath, Secret fallbackEdgeId) {
        r.allowOnly(Set.of("name", "host", "port", "tlsServerName", "weight", "priority", "enabled", "probe",
                "stamp", "edgeId", "edgeIdFile"));
        String host = r.string("host", null);
        int port = r.integer("port", 443, 1, 65535);
        String tlsServerName = r.string("tlsServerName", host);
        String idFile = r.string("edgeIdFile", "");
        Path edgeIdFile = idFile.isEmpty() ? null : Path.of(idFile);
        return new Origin(name(r), host, port, tlsServerName, r.integer("weight", 50, 0, 1000),
                r.integer("priority", 1, 1, 5), r.bool("enabled", true),
                probeTarget(r.child("probe"), host, port, tlsServerName, probePath), emptyToNull(r.string("stamp", "")),
                edgeId(r, edgeIdFile, fallbackEdgeId), edgeIdFile);
    }

    /** The origin's own id (inline or from a file), else the top-level fallback; the value never enters a message. */
    private static Secret edgeId(ConfigReader r, Path file, Secret fallback) {
        String inline = r.string("edgeId", "");
        if (!inline.isEmpty() && file != null) {
            throw r.error("edgeIdFile", "set edgeId or edgeIdFile, not both");
        }
        if (file != null) {
            return Secret.of(EdgeIdFile.read(file, r.keyOf("edgeIdFile")));
        }
        if (!inline.isEmpty()) {
            return Secret.of(inline);
        }
        if (fallback == null) {
            throw r.error("edgeId", "is required (or edgeIdFile, or a top-level edgeId for every origin)");
        }
        return fallback;
    }

    private static ProbeTarget probeTarget(ConfigReader r, String host, int port, String tlsServerName,
                                           String probePath) {
        r.allowOnly(Set.of("host", "port", "tlsServerName", "path"));
        String probeHost = r.string("host", host);
        // A probe aimed at another host verifies that host's certificate, not the origin's.
        String name = r.string("tlsServerName", probeHost.equals(host) ? tlsServerName : probeHost);
        String path = r.string("path", probePath);
        if (!path.startsWith("/")) {
            throw r.error("path", "must start with '/' but was '" + path + "'");
        }
        return new ProbeTarget(probeHost, r.integer("port", port, 1, 65535), name, path);
    }

    private static Route route(ConfigReader r) {
        r.allowOnly(Set.of("pattern", "originGroup", "stampHeader", "healthProjection"));
        String pattern = r.string("pattern", null);
        if (!ROUTE.matcher(pattern).matches()) {
            throw r.error("pattern", "must be an absolute path, optionally ending in '/*' (e.g. /api/*), but was '"
                    + pattern + "'");
        }
        return new Route(pattern, r.string("originGroup", null), emptyToNull(r.string("stampHeader", "")),
                r.bool("healthProjection", pattern.startsWith("/health/")));
    }

    private static String emptyToNull(String s) {
        return s.isEmpty() ? null : s;
    }

    private static String name(ConfigReader r) {
        String name = r.string("name", null);
        if (!NAME.matcher(name).matches()) {
            throw r.error("name", "must match " + NAME.pattern() + " but was '" + name + "'");
        }
        return name;
    }
}
