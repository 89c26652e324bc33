package dev.citadel.edge.config;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The edge's whole configuration, one immutable tree parsed from one YAML file by {@link EdgeConfigLoader}.
 * Cross-field rules are checked in the compact constructors so that an inconsistent file never starts an edge.
 */
public record EdgeProperties(Secret edgeId, Listeners listeners, Tls tls, Limits limits, Timeouts timeouts,
                             Probes probes, Ejection ejection, Cache cache, List<OriginGroup> originGroups,
                             List<Route> routes, Map<String, Object> waf, Map<String, Object> rateLimit,
                             StatusProjection status, Admin admin, SecurityHeaders securityHeaders) {

    public EdgeProperties {
        originGroups = List.copyOf(originGroups);
        routes = List.copyOf(routes);
        waf = Map.copyOf(waf);
        rateLimit = Map.copyOf(rateLimit);
        Set<String> groupNames = new HashSet<>();
        Set<String> originNames = new HashSet<>();
        for (int g = 0; g < originGroups.size(); g++) {
            OriginGroup group = originGroups.get(g);
            if (!groupNames.add(group.name())) {
                throw new ConfigException("originGroups[" + g + "].name", "duplicate group '" + group.name() + "'");
            }
            for (int o = 0; o < group.origins().size(); o++) {
                String name = group.origins().get(o).name();
                if (!originNames.add(name)) {
                    throw new ConfigException("originGroups[" + g + "].origins[" + o + "].name",
                            "duplicate origin '" + name + "' (origin names are global: the admin API addresses them)");
                }
            }
        }
        for (int r = 0; r < routes.size(); r++) {
            if (!groupNames.contains(routes.get(r).originGroup())) {
                throw new ConfigException("routes[" + r + "].originGroup",
                        "unknown origin group '" + routes.get(r).originGroup() + "'");
            }
        }
        if (probes.requiredSuccesses() > probes.sampleSize()) {
            throw new ConfigException("probes.requiredSuccesses", "must be <= probes.sampleSize ("
                    + probes.sampleSize() + ") but was " + probes.requiredSuccesses());
        }
        if (timeouts.tryMs() > timeouts.overallMs()) {
            throw new ConfigException("timeouts.tryMs", "must be <= timeouts.overallMs (" + timeouts.overallMs()
                    + ") but was " + timeouts.tryMs());
        }
    }

    /** A bind address; port 0 asks the OS for a free port (tests), -1 disables the listener. */
    public record Listener(String host, int port) {
        public boolean enabled() {
            return port >= 0;
        }
    }

    /**
     * @param ioThreads event loops serving client and origin connections; 0 = one per core. More loops than cores
     *                  only add context switches: a loop never blocks.
     */
    public record Listeners(Listener https, Listener http, Listener management, int ioThreads) {
        public int effectiveIoThreads() {
            return ioThreads > 0 ? ioThreads : Runtime.getRuntime().availableProcessors();
        }
    }

    /** PEM files. Keys are PKCS#8; the origin CA verifies stamps, the operator CA verifies admin clients. */
    public record Tls(Path certificate, Path privateKey, Path clientCertificate, Path clientPrivateKey,
                      Path originCa, Path operatorCa) {}

    /**
     * Who may use the management listener: the subject CN of the client certificate (already verified against
     * {@code tls.operatorCa}) must be one of these. The CA alone is not enough: it also issues the stamps' metrics
     * scrape certificate.
     */
    public record Admin(List<String> allowedClients) {
        public Admin {
            allowedClients = List.copyOf(allowedClients);
        }
    }

    /** Headers the edge sets on every response it writes, on every listener. */
    public record SecurityHeaders(long hstsMaxAgeSeconds) {
        /** The {@code Strict-Transport-Security} value (subdomains included: every Citadel name is HTTPS-only). */
        public String hsts() {
            return "max-age=" + hstsMaxAgeSeconds + "; includeSubDomains";
        }
    }

    public record Limits(int maxInitialLineBytes, int maxHeaderBytes, int maxHeaderCount, int maxBodyBytes,
                         int maxResponseBytes, int clientIdleSeconds, int requestDeadlineSeconds) {}

    public record Timeouts(int connectMs, int tryMs, int overallMs) {}

    /** The read-only origin view on the public listener (off by default: it tells the internet what is healthy). */
    public record StatusProjection(boolean enabled, String path) {}

    public record Probes(String path, int intervalMs, int timeoutMs, int sampleSize, int requiredSuccesses) {}

    /** Passive ejection: this many consecutive 5xx/timeouts take an origin out (a refused connect does at once). */
    public record Ejection(int consecutiveFailures) {}

    public record Cache(long maxBytes, int maxEntryBytes) {}

    public record OriginGroup(String name, List<Origin> origins) {
        public OriginGroup {
            origins = List.copyOf(origins);
        }
    }

    /**
     * Where an origin's health is probed. By default the origin itself, but a stamp's origins can all point at the
     * stamp's health-service, so one stamp verdict (dependencies, score, operator switch) drives every group.
     */
    public record ProbeTarget(String host, int port, String tlsServerName, String path) {}

    /**
     * @param stamp      the stamp (region) this origin belongs to, or null; requests may name it, see {@link Route}.
     * @param edgeId     the {@code X-Edge-Id} this origin's stamp expects (each stamp has its own), on requests and
     *                   probes alike; resolved at load time from {@code edgeId}, {@code edgeIdFile} or the
     *                   top-level fallback
     * @param edgeIdFile the file it was read from, or null
     */
    public record Origin(String name, String host, int port, String tlsServerName, int weight, int priority,
                         boolean enabled, ProbeTarget probe, String stamp, Secret edgeId, Path edgeIdFile) {
        /** An origin of no named stamp, probed at itself on {@code probePath}. */
        public Origin(String name, String host, int port, String tlsServerName, int weight, int priority,
                      boolean enabled, String probePath, Secret edgeId) {
            this(name, host, port, tlsServerName, weight, priority, enabled,
                    new ProbeTarget(host, port, tlsServerName, probePath), null, edgeId, null);
        }

        /** The same origin sending another edge id (its {@code edgeIdFile} was rotated). */
        public Origin withEdgeId(Secret id) {
            return new Origin(name, host, port, tlsServerName, weight, priority, enabled, probe, stamp, id, edgeIdFile);
        }

        /** The probe's connection, as an origin the probe pool can dial (same name: the pool keys by it). */
        public Origin probeOrigin() {
            return new Origin(name, probe.host(), probe.port(), probe.tlsServerName(), weight, priority, enabled, probe,
                    stamp, edgeId, edgeIdFile);
        }
    }

    /**
     * @param stampHeader      when set, a GET or HEAD on this route naming a stamp in this header goes to that
     *                         stamp's origin, healthy or not and without retry elsewhere (an operations page reading
     *                         each stamp's health model); null: the header means nothing and normal selection applies.
     * @param healthProjection the origin's answers are stamp health documents: only statuses, scores and levels
     *                         reach the client (see {@code HealthProjection}); on by default for {@code /health/}
     */
    public record Route(String pattern, String originGroup, String stampHeader, boolean healthProjection) {
        public Route(String pattern, String originGroup) {
            this(pattern, originGroup, null, false);
        }
    }
}
