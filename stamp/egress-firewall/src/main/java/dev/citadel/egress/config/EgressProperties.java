package dev.citadel.egress.config;

import dev.citadel.egress.policy.HostLiteral;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The egress firewall's whole configuration, bound from one YAML file by {@link EgressConfigLoader}. Defaults and
 * single-field rules live in the compact constructors (a missing key arrives as null), so an inconsistent file never
 * starts a firewall. Every key is listed in the README's configuration table, which a test checks against these
 * records.
 */
public record EgressProperties(String stamp, Listener listener, Management management, DecisionLog decisionLog,
                               Limits limits, Resolver resolver, List<Source> sources) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._\\-]{0,62}");

    public EgressProperties {
        stamp = validName("stamp", stamp);
        listener = listener == null ? new Listener(null, null) : listener;
        require("management", management);
        require("decisionLog", decisionLog);
        limits = limits == null ? new Limits(null, null, null, null, null) : limits;
        resolver = resolver == null ? new Resolver(null) : resolver;
        if (sources == null || sources.isEmpty()) {
            throw new ConfigException("sources", "needs at least one source");
        }
        sources = List.copyOf(sources);
        Set<String> names = new HashSet<>();
        for (int i = 0; i < sources.size(); i++) {
            if (!names.add(sources.get(i).name())) {
                throw new ConfigException("sources[" + i + "].name", "duplicate source '" + sources.get(i).name() + "'");
            }
        }
    }

    /** The proxy listener the stamp's workloads use as their HTTP(S) proxy. Port 0 asks the OS (tests). */
    public record Listener(String address, Integer port) {
        public Listener {
            address = address == null ? "127.0.0.1" : nonBlank("address", address);
            port = port == null ? 3128 : range("port", port, 0, 65535);
        }
    }

    /** The operator listener (HTTPS, client certificate required) serving /metrics and /health. */
    public record Management(String address, Integer port, Path certificate, Path privateKey, Path clientCa,
                             List<String> allowedClients) {
        public Management {
            address = address == null ? "127.0.0.1" : nonBlank("address", address);
            port = port == null ? 9443 : range("port", port, 0, 65535);
            require("certificate", certificate);
            require("privateKey", privateKey);
            require("clientCa", clientCa);
            if (allowedClients == null || allowedClients.isEmpty()) {
                throw new ConfigException("allowedClients", "needs at least one certificate subject CN");
            }
            allowedClients = List.copyOf(allowedClients);
        }
    }

    /** One JSON line per decision; size-capped rotation to {@code file.1 .. file.maxFiles}. */
    public record DecisionLog(Path file, Integer maxFileSizeMb, Integer maxFiles) {
        public DecisionLog {
            require("file", file);
            maxFileSizeMb = maxFileSizeMb == null ? 10 : range("maxFileSizeMb", maxFileSizeMb, 1, 1024);
            // logback's FixedWindowRollingPolicy keeps at most 20 rotated files.
            maxFiles = maxFiles == null ? 5 : range("maxFiles", maxFiles, 1, 20);
        }
    }

    public record Limits(Integer connectTimeoutMs, Integer idleTimeoutMs, Integer maxConnections,
                         Integer maxHeaderBytes, Integer maxBodyBytes) {
        public Limits {
            connectTimeoutMs = connectTimeoutMs == null ? 3000 : range("connectTimeoutMs", connectTimeoutMs, 10, 60_000);
            idleTimeoutMs = idleTimeoutMs == null ? 60_000 : range("idleTimeoutMs", idleTimeoutMs, 100, 3_600_000);
            maxConnections = maxConnections == null ? 1024 : range("maxConnections", maxConnections, 1, 1_000_000);
            maxHeaderBytes = maxHeaderBytes == null ? 16_384 : range("maxHeaderBytes", maxHeaderBytes, 1024, 1 << 20);
            maxBodyBytes = maxBodyBytes == null ? 1 << 20 : range("maxBodyBytes", maxBodyBytes, 0, 64 << 20);
        }
    }

    /**
     * Static name-to-address entries, consulted before the system resolver (isolated mode and tests). Addresses
     * must be IP literals; names are normalized like requested hosts (lower case, no trailing dot).
     */
    public record Resolver(Map<String, List<String>> hosts) {
        public Resolver {
            Map<String, List<String>> normalized = new LinkedHashMap<>();
            if (hosts != null) {
                for (Map.Entry<String, List<String>> e : hosts.entrySet()) {
                    String key = "hosts." + e.getKey();
                    if (!(HostLiteral.parse(e.getKey()) instanceof HostLiteral.Fqdn fqdn)) {
                        throw new ConfigException(key, "must be a DNS name (letters, digits, '-', '.')");
                    }
                    if (e.getValue() == null || e.getValue().isEmpty()) {
                        throw new ConfigException(key, "needs at least one address");
                    }
                    for (String address : e.getValue()) {
                        if (!(HostLiteral.parse(address) instanceof HostLiteral.IpLiteral ip) || ip.address() == null) {
                            throw new ConfigException(key, "'" + address + "' is not an IP address");
                        }
                    }
                    normalized.put(fqdn.name(), List.copyOf(e.getValue()));
                }
            }
            hosts = Map.copyOf(normalized);
        }
    }

    /** A workload allowed out, identified by Proxy-Authorization Basic {@code name:<password file content>}. */
    public record Source(String name, Path passwordFile, List<AllowRule> allow) {
        public Source {
            name = validName("name", name);
            require("passwordFile", passwordFile);
            allow = allow == null ? List.of() : List.copyOf(allow);
        }
    }

    /**
     * One allowed destination: an exact DNS name (or {@code *.example.org}: exactly one more label) and port.
     * {@code allowSpecialAddresses} lets the name resolve to private, loopback or other special-purpose addresses.
     */
    public record AllowRule(String host, Integer port, Boolean allowSpecialAddresses) {
        public AllowRule {
            require("host", host);
            String bare = host.startsWith("*.") ? host.substring(2) : host;
            if (!(HostLiteral.parse(bare) instanceof HostLiteral.Fqdn fqdn)) {
                throw new ConfigException("host", "must be a DNS name or *.<DNS name>, never an IP address, but was '"
                        + host + "'");
            }
            host = host.startsWith("*.") ? "*." + fqdn.name() : fqdn.name();
            require("port", port);
            port = range("port", port, 1, 65535);
            allowSpecialAddresses = allowSpecialAddresses != null && allowSpecialAddresses;
        }
    }

    private static String validName(String key, String value) {
        require(key, value);
        if (!NAME.matcher(value).matches()) {
            throw new ConfigException(key, "must match " + NAME.pattern() + " but was '" + value + "'");
        }
        return value;
    }

    private static String nonBlank(String key, String value) {
        if (value.isBlank()) {
            throw new ConfigException(key, "must not be empty");
        }
        return value;
    }

    private static int range(String key, int value, int min, int max) {
        if (value < min || value > max) {
            throw new ConfigException(key, "must be between " + min + " and " + max + " but was " + value);
        }
        return value;
    }

    private static void require(String key, Object value) {
        if (value == null) {
            throw new ConfigException(key, "is required");
        }
    }
}
