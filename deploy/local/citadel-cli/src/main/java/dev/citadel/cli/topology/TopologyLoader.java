package dev.citadel.cli.topology;

import dev.citadel.cli.topology.Topology.CassandraNode;
import dev.citadel.cli.topology.Topology.EdgeNode;
import dev.citadel.cli.topology.Topology.EgressFirewallNode;
import dev.citadel.cli.topology.Topology.EgressRule;
import dev.citadel.cli.topology.Topology.StaticHost;
import dev.citadel.cli.topology.Topology.ServiceNode;
import dev.citadel.cli.topology.Topology.StampNodes;
import dev.citadel.cli.topology.Topology.KafkaBroker;
import dev.citadel.cli.topology.Topology.Region;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads and validates {@code topology.yaml}. Every rejection names the file and the key; defaults are documented in
 * the module README and in {@code deploy/local/topology.yaml}.
 */
public final class TopologyLoader {

    /** Engine, data-centre and rack names: lower-case, as {@code platform/engines} requires. */
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,30}");
    /** The stamp services that may have egress rules: only catalog-api goes out (item images). */
    private static final Pattern SOURCE = Pattern.compile("catalog-api");
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,47}");
    /** Local mode runs everything on loopback; each node gets its own 127.x.y.z address. */
    private static final Pattern LOOPBACK =
            Pattern.compile("127\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)");

    static final Set<String> ROOT_KEYS = Set.of("clusterName", "regions", "edge");
    static final Set<String> REGION_KEYS = Set.of("name", "cassandra", "kafka", "stamp");
    static final Set<String> STAMP_KEYS =
            Set.of("catalogApi", "backgroundProcessor", "healthService", "webUi", "egressFirewall");
    static final Set<String> EGRESS_KEYS = Set.of("address", "port", "managementPort", "heapMb", "allow", "hosts");
    static final Set<String> EGRESS_RULE_KEYS = Set.of("source", "host", "port", "allowSpecialAddresses");
    static final Set<String> STATIC_HOST_KEYS = Set.of("name", "address");
    /** A DNS name (not an IP literal): labels of letters, digits and '-', the last one not all digits. */
    private static final Pattern FQDN = Pattern.compile(
            "(?i)(\\*\\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)*[a-z]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern IP_ADDRESS = Pattern.compile("[0-9.]{7,15}|[0-9A-Fa-f:.]{2,45}");
    static final Set<String> SERVICE_KEYS = Set.of("address", "port", "managementPort", "heapMb");
    static final Set<String> EDGE_KEYS = Set.of("address", "port", "managementPort", "heapMb", "rateLimitPerSecond");
    static final Set<String> CASSANDRA_KEYS =
            Set.of("dataCenter", "rack", "address", "nativePort", "storagePort", "jmxPort", "heapMb");
    static final Set<String> KAFKA_KEYS = Set.of("address", "port", "controllerPort", "heapMb");

    private TopologyLoader() {}

    public static Topology load(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new TopologyException(file + ": topology file not found");
        } catch (IOException e) {
            throw new TopologyException(file + ": cannot read topology file: " + e.getMessage(), e);
        }
        return parse(file.toString(), text);
    }

    /** Parses YAML text; {@code source} names the file in error messages. */
    public static Topology parse(String source, String yaml) {
        JsonNode tree;
        try {
            tree = YAMLMapper.builder().build().readTree(yaml);
        } catch (JacksonException e) {
            throw new TopologyException(source + ": not valid YAML: " + e.getOriginalMessage(), e);
        }
        YamlSection root = YamlSection.root(source, tree, ROOT_KEYS);
        String clusterName = root.text("clusterName", "citadel", IDENTIFIER, "letters, digits, '-' or '_'");
        List<Region> regions = new ArrayList<>();
        List<StampNodes> stamps = new ArrayList<>();
        List<YamlSection> sections = root.list("regions", REGION_KEYS);
        for (int i = 0; i < sections.size(); i++) {
            Region region = region(sections.get(i), i);
            regions.add(region);
            stamps.add(stamp(sections.get(i).optionalSection("stamp", STAMP_KEYS), StampNodes.defaults(region)));
        }
        Topology topology = new Topology(clusterName, regions, stamps, edge(root.optionalSection("edge", EDGE_KEYS)));
        TopologyRules.check(source, topology);
        return topology;
    }

    private static Region region(YamlSection section, int index) {
        String name = section.text("name", null, NAME, "a lower-case name like region1");
        return new Region(name, cassandra(section.section("cassandra", CASSANDRA_KEYS), index),
                kafka(section.section("kafka", KAFKA_KEYS)));
    }

    private static CassandraNode cassandra(YamlSection s, int index) {
        return new CassandraNode(
                s.text("dataCenter", "dc" + (index + 1), NAME, "a lower-case name like dc1"),
                s.text("rack", "rack1", NAME, "a lower-case name like rack1"),
                s.text("address", null, LOOPBACK, "a loopback IPv4 address (127.x.y.z)"),
                s.integer("nativePort", 9042, 1, 65535),
                s.integer("storagePort", 7000, 1, 65535),
                // JMX binds to localhost on every node, so its port must differ per node.
                s.integer("jmxPort", 7199 + index, 1, 65535),
                s.integer("heapMb", 1024, 256, 16384));
    }

    private static StampNodes stamp(YamlSection s, StampNodes defaults) {
        if (s == null) {
            return defaults;
        }
        return new StampNodes(service(s.optionalSection("catalogApi", SERVICE_KEYS), defaults.catalogApi()),
                service(s.optionalSection("backgroundProcessor", SERVICE_KEYS), defaults.backgroundProcessor()),
                service(s.optionalSection("healthService", SERVICE_KEYS), defaults.healthService()),
                service(s.optionalSection("webUi", SERVICE_KEYS), defaults.webUi()),
                egressFirewall(s.optionalSection("egressFirewall", EGRESS_KEYS), defaults.egressFirewall()));
    }

    private static EgressFirewallNode egressFirewall(YamlSection s, EgressFirewallNode defaults) {
        if (s == null) {
            return defaults;
        }
        ServiceNode d = defaults.node();
        ServiceNode node = new ServiceNode(
                s.text("address", d.address(), LOOPBACK, "a loopback IPv4 address (127.x.y.z)"),
                s.integer("port", d.port(), 1, 65535),
                s.integer("managementPort", d.managementPort(), 1, 65535),
                s.integer("heapMb", d.heapMb(), 64, 16384));
        List<EgressRule> allow = new ArrayList<>();
        for (YamlSection rule : s.optionalList("allow", EGRESS_RULE_KEYS)) {
            allow.add(new EgressRule(rule.text("source", null, SOURCE, "a stamp service that goes out (catalog-api)"),
                    rule.text("host", null, FQDN, "a DNS name such as images.example.org or *.example.org"),
                    rule.integer("port", 1, 65535),
                    rule.bool("allowSpecialAddresses", false)));
        }
        List<StaticHost> hosts = new ArrayList<>();
        for (YamlSection host : s.optionalList("hosts", STATIC_HOST_KEYS)) {
            hosts.add(new StaticHost(host.text("name", null, FQDN, "a DNS name"),
                    host.text("address", null, IP_ADDRESS, "an IPv4 or IPv6 address")));
        }
        return new EgressFirewallNode(node, allow, hosts);
    }

    private static ServiceNode service(YamlSection s, ServiceNode defaults) {
        if (s == null) {
            return defaults;
        }
        return new ServiceNode(
                s.text("address", defaults.address(), LOOPBACK, "a loopback IPv4 address (127.x.y.z)"),
                s.integer("port", defaults.port(), 1, 65535),
                s.integer("managementPort", defaults.managementPort(), 1, 65535),
                s.integer("heapMb", defaults.heapMb(), 64, 16384));
    }

    private static EdgeNode edge(YamlSection s) {
        EdgeNode d = EdgeNode.DEFAULT;
        if (s == null) {
            return d;
        }
        return new EdgeNode(
                s.text("address", d.address(), LOOPBACK, "a loopback IPv4 address (127.x.y.z)"),
                s.integer("port", d.port(), 1, 65535),
                s.integer("managementPort", d.managementPort(), 1, 65535),
                s.integer("heapMb", d.heapMb(), 64, 16384),
                s.integer("rateLimitPerSecond", d.rateLimitPerSecond(), 1, 1_000_000));
    }

    private static KafkaBroker kafka(YamlSection s) {
        return new KafkaBroker(
                s.text("address", null, LOOPBACK, "a loopback IPv4 address (127.x.y.z)"),
                s.integer("port", 9093, 1, 65535),
                s.integer("controllerPort", 9094, 1, 65535),
                s.integer("heapMb", 512, 128, 16384));
    }
}
