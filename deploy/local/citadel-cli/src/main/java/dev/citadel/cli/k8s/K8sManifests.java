package dev.citadel.cli.k8s;

import static dev.citadel.cli.k8s.K8sNetwork.CASSANDRA_NAMESPACE;
import static dev.citadel.cli.k8s.K8sNetwork.EDGE_NAMESPACE;
import static dev.citadel.cli.k8s.K8sNetwork.MGMT_NAMESPACE;
import static dev.citadel.cli.k8s.K8sNetwork.NAMESPACE_NAME_LABEL;
import static dev.citadel.cli.k8s.K8sNetwork.WORKLOAD_LABEL;
import static dev.citadel.cli.k8s.K8sNetwork.ZONE_LABEL;
import static dev.citadel.cli.k8s.K8sNetwork.stampNamespace;
import static dev.citadel.cli.k8s.Y.l;
import static dev.citadel.cli.k8s.Y.m;
import static dev.citadel.cli.k8s.Y.resource;

import dev.citadel.cli.k8s.K8sNetwork.Allowed;
import dev.citadel.cli.k8s.K8sNetwork.Peer;
import dev.citadel.cli.provision.KafkaPlan;
import dev.citadel.cli.services.EdgeConfig;
import dev.citadel.cli.services.EgressFirewallConfig;
import dev.citadel.cli.services.ServiceKind;
import dev.citadel.cli.topology.Topology;
import dev.citadel.cli.topology.Topology.Region;
import dev.citadel.cli.topology.Topology.ServiceNode;
import dev.citadel.cli.topology.Topology.StampNodes;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

/**
 * The Kubernetes manifests of a topology, as Kustomize directories: {@code global/} (the edge, the management
 * namespace, the Cassandra cluster with one data centre per region, the PKI's CAs) and one directory per region (its
 * stamp namespace: the services, the stamp's Kafka, their certificates, policies). A pure function of the topology,
 * so the local topology file and the cluster cannot drift apart.
 */
public final class K8sManifests {

    public static final String GLOBAL = "global";
    public static final String KAFKA_CLUSTER = "kafka";
    public static final String CASSANDRA_CLUSTER = "citadel";
    public static final String FLOWS_LABEL = "citadel.dev/flows";
    /** Where each service reads its key-per-file secrets ({@code configtree:}), as on one machine. */
    public static final String SECRETS_DIR = "/run/secrets/citadel";
    public static final String TLS_DIR = "/run/tls";
    public static final String TRUST_DIR = "/run/trust";
    public static final String TRUST_CONFIGMAP = "citadel-trust";
    public static final String EDGE_CONFIGMAP = "edge-config";
    public static final String EGRESS_FIREWALL_CONFIGMAP = "egress-firewall-config";
    /** Where the edge and the egress firewall read their rendered configuration (a ConfigMap: it holds no secret). */
    public static final String CONFIG_DIR = "/run/config";
    /** Pod-template annotation: the configuration's digest, so a changed ConfigMap rolls the pods. */
    public static final String CONFIG_DIGEST_ANNOTATION = "citadel.dev/config-sha256";
    public static final long UID = 65532;
    /** Nodes per Cassandra data centre, and so the catalog keyspace's replicas per data centre. */
    public static final int CASSANDRA_NODES_PER_DC = 3;
    public static final String SCHEMA_JOB = "catalog-schema";
    /** Namespaces of the operators the manifests rely on (their install defaults). */
    public static final String STRIMZI_NAMESPACE = "strimzi";
    public static final String K8SSANDRA_NAMESPACE = "k8ssandra-operator";
    public static final String MONITORING_NAMESPACE = "monitoring";
    public static final String CERT_MANAGER_NAMESPACE = "cert-manager";
    public static final String STAMP_CA = "citadel-stamp-ca";
    public static final String EDGE_CA = "citadel-edge-ca";
    public static final String OPERATOR_CA = "citadel-operator-ca";

    private static final YAMLMapper YAML = YAMLMapper.builder()
            .disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
            .enable(YAMLWriteFeature.MINIMIZE_QUOTES)
            .build();

    /** Image names: {@code <prefix><service>:<tag>}; a Kustomize overlay's {@code images:} may replace them. */
    public record Images(String prefix, String tag) {
        public static final Images DEFAULT = new Images("citadel/", "0.1.0");

        String of(String name) {
            return prefix + name + ":" + tag;
        }
    }

    private final Topology topology;
    private final K8sNetwork network;
    private final Images images;

    public K8sManifests(Topology topology, Images images) {
        this.topology = topology;
        this.network = new K8sNetwork(topology);
        this.images = images;
    }

    /** Every file of the directories {@code global} and each region: relative path → content. */
    public Map<String, String> render() {
        Map<String, String> files = new TreeMap<>();
        files.putAll(global());
        for (Region region : topology.regions()) {
            files.putAll(region(region.name()));
        }
        return files;
    }

    /** The global directory's files. */
    public Map<String, String> global() {
        Map<String, List<Map<String, Object>>> docs = new LinkedHashMap<>();
        // The Cassandra namespace too: the K8ssandraCluster lives there (identical to the regions' copy).
        docs.put("namespaces.yaml", List.of(namespace(EDGE_NAMESPACE, "edge"), namespace(MGMT_NAMESPACE, "mgmt"),
                namespace(CASSANDRA_NAMESPACE, "data")));
        docs.put("edge.yaml", edge());
        docs.put("cassandra.yaml", List.of(cassandraCluster()));
        docs.put("pki.yaml", pki());
        docs.put("schema-job.yaml", schemaJob());
        List<Map<String, Object>> policies = new ArrayList<>();
        for (String ns : List.of(EDGE_NAMESPACE, MGMT_NAMESPACE)) {
            policies.addAll(policies(ns, p -> true));
        }
        docs.put("network-policies.yaml", policies);
        return directory(GLOBAL, docs);
    }

    /** The files of one region's directory. */
    public Map<String, String> region(String region) {
        topology.stamp(region); // fails for an unknown region
        String ns = stampNamespace(region);
        Map<String, List<Map<String, Object>>> docs = new LinkedHashMap<>();
        docs.put("namespaces.yaml", List.of(namespace(ns, "stamp"), namespace(CASSANDRA_NAMESPACE, "data")));
        docs.put("services.yaml", services(region));
        docs.put("kafka.yaml", kafka(region));
        docs.put("certificates.yaml", certificates(region));
        List<Map<String, Object>> policies = new ArrayList<>(policies(ns, p -> true));
        String dc = dataCenter(region);
        policies.addAll(policies(CASSANDRA_NAMESPACE,
                p -> p.podLabels().isEmpty() || dc.equals(p.podLabels().get(K8sNetwork.CASSANDRA_DC_LABEL))));
        docs.put("network-policies.yaml", policies);
        return directory(region, docs);
    }

    private Map<String, String> directory(String dir, Map<String, List<Map<String, Object>>> docs) {
        Map<String, String> files = new LinkedHashMap<>();
        List<String> names = new ArrayList<>(docs.keySet());
        files.put(dir + "/kustomization.yaml", "# Generated by `citadel render k8s` from the topology file; do not edit.\n"
                + YAML.writeValueAsString(m("apiVersion", "kustomize.config.k8s.io/v1beta1", "kind", "Kustomization",
                "resources", names)));
        docs.forEach((name, list) -> files.put(dir + "/" + name, yaml(list)));
        return files;
    }

    static String yaml(List<Map<String, Object>> docs) {
        StringBuilder out = new StringBuilder("# Generated by `citadel render k8s` from the topology file; do not edit.\n");
        for (Map<String, Object> doc : docs) {
            out.append("---\n").append(YAML.writeValueAsString(doc));
        }
        return out.toString();
    }

    private String dataCenter(String region) {
        return topology.regions().stream().filter(r -> r.name().equals(region)).findFirst().orElseThrow()
                .cassandra().dataCenter();
    }

    // --- namespaces --------------------------------------------------------------------------------------------------

    private static Map<String, Object> namespace(String name, String role) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("citadel.dev/role", role);
        // The restricted Pod Security Standard, enforced by the API server itself. cass-operator builds the Cassandra
        // pods (init and sidecar containers included) itself: that namespace enforces baseline and warns on restricted.
        boolean operatorBuilt = name.equals(CASSANDRA_NAMESPACE);
        labels.put("pod-security.kubernetes.io/enforce", operatorBuilt ? "baseline" : "restricted");
        labels.put("pod-security.kubernetes.io/enforce-version", "latest");
        if (operatorBuilt) {
            labels.put("pod-security.kubernetes.io/warn", "restricted");
            labels.put("pod-security.kubernetes.io/audit", "restricted");
        }
        return m("apiVersion", "v1", "kind", "Namespace", "metadata", m("name", name, "labels", labels));
    }

    // --- stamp services ----------------------------------------------------------------------------------------------

    private List<Map<String, Object>> services(String region) {
        StampNodes stamp = topology.stamp(region);
        Region r = topology.regions().stream().filter(x -> x.name().equals(region)).findFirst().orElseThrow();
        String ns = stampNamespace(region);
        List<Map<String, Object>> docs = new ArrayList<>();
        String kafka = KAFKA_CLUSTER + "-kafka-bootstrap." + ns + ".svc:" + r.kafka().port();
        String cassandra = CASSANDRA_CLUSTER + "-" + r.cassandra().dataCenter() + "-service." + CASSANDRA_NAMESPACE
                + ".svc:" + K8sNetwork.CQL_PORT;
        ServiceNode fw = stamp.egressFirewall().node();
        String firewallHost = "egress-firewall." + ns + ".svc";

        List<String> api = new ArrayList<>(edgeFacing(stamp.catalogApi()));
        String p = "--citadel.catalog-api.";
        api.addAll(List.of(p + "region=" + region, p + "cassandra.contact-points=" + cassandra,
                p + "cassandra.local-dc=" + r.cassandra().dataCenter(),
                p + "cassandra.username=" + ServiceKind.CATALOG_API.cassandraRole(region),
                p + "cassandra.truststore-path=" + TLS_DIR + "/ca.crt",
                "--citadel.kafka.bootstrap-servers=" + kafka, "--citadel.kafka.username=" + ServiceKind.CATALOG_API.id(),
                "--citadel.kafka.truststore-path=" + TLS_DIR + "/ca.crt",
                p + "kafka.topic=" + KafkaPlan.TOPIC,
                p + "images.proxy-host=" + firewallHost, p + "images.proxy-port=" + fw.port(),
                p + "images.proxy-username=" + ServiceKind.CATALOG_API.id()));
        docs.addAll(workload(region, ServiceKind.CATALOG_API, stamp.catalogApi(), "app", api, true, 2, 6));

        ServiceNode proc = stamp.backgroundProcessor();
        p = "--citadel.processor.";
        List<String> processor = new ArrayList<>(List.of(
                "--spring.ssl.bundle.pem.operator.keystore.certificate=file:" + TLS_DIR + "/tls.crt",
                "--spring.ssl.bundle.pem.operator.keystore.private-key=file:" + TLS_DIR + "/tls.key",
                "--spring.ssl.bundle.pem.operator.truststore.certificate=file:" + TRUST_DIR + "/operator-ca.crt",
                "--server.port=" + proc.managementPort(), "--server.ssl.bundle=operator", "--server.ssl.client-auth=want",
                "--citadel.region=" + region,
                p + "cassandra.contact-points=" + cassandra, p + "cassandra.local-dc=" + r.cassandra().dataCenter(),
                p + "cassandra.username=" + ServiceKind.BACKGROUND_PROCESSOR.cassandraRole(region),
                p + "cassandra.truststore-path=" + TLS_DIR + "/ca.crt",
                "--citadel.kafka.bootstrap-servers=" + kafka,
                "--citadel.kafka.username=" + ServiceKind.BACKGROUND_PROCESSOR.id(),
                "--citadel.kafka.truststore-path=" + TLS_DIR + "/ca.crt",
                p + "kafka.topic=" + KafkaPlan.TOPIC, p + "kafka.dead-letter-topic=" + KafkaPlan.DEAD_LETTER_TOPIC,
                p + "kafka.group-id=" + KafkaPlan.PROCESSOR_GROUP));
        processor.addAll(PROBE_ACCESS);
        // Consumers beyond the topic's partitions would idle.
        docs.addAll(workload(region, ServiceKind.BACKGROUND_PROCESSOR, proc, "app", processor, false, 1,
                KafkaPlan.TOPICS.get(0).partitions()));

        ServiceNode health = stamp.healthService();
        p = "--citadel.health.";
        List<String> hs = new ArrayList<>(edgeFacing(health));
        hs.addAll(List.of(p + "region=" + region, p + "state-file=/var/lib/citadel/rotation.state",
                p + "cassandra.contact-points=" + cassandra, p + "cassandra.local-dc=" + r.cassandra().dataCenter(),
                p + "cassandra.username=" + ServiceKind.HEALTH_SERVICE.cassandraRole(region),
                p + "cassandra.keyspace=citadel_catalog", p + "cassandra.truststore-path=" + TLS_DIR + "/ca.crt",
                "--citadel.kafka.bootstrap-servers=" + kafka, "--citadel.kafka.username=" + ServiceKind.HEALTH_SERVICE.id(),
                "--citadel.kafka.truststore-path=" + TLS_DIR + "/ca.crt",
                p + "kafka.topic=" + KafkaPlan.TOPIC, p + "kafka.consumer-group=" + KafkaPlan.PROCESSOR_GROUP,
                p + "signals.catalog-api-metrics-url=https://catalog-api." + ns + ".svc:"
                        + stamp.catalogApi().managementPort() + "/actuator/prometheus",
                p + "signals.processor-metrics-url=https://background-processor." + ns + ".svc:"
                        + proc.managementPort() + "/actuator/prometheus",
                p + "signals.client-certificate=" + TLS_DIR + "/scraper/tls.crt",
                p + "signals.client-private-key=" + TLS_DIR + "/scraper/tls.key",
                p + "signals.ca-certificate=" + TLS_DIR + "/ca.crt"));
        // One replica: the state switch is a file of the pod (see README, known gaps).
        docs.addAll(workload(region, ServiceKind.HEALTH_SERVICE, health, "app", hs, true, 1, 1));

        List<String> ui = new ArrayList<>(edgeFacing(stamp.webUi()));
        ui.addAll(List.of("--citadel.web-ui.region=" + region, "--citadel.web-ui.api-base=/api/1.0"));
        docs.addAll(workload(region, ServiceKind.WEB_UI, stamp.webUi(), "app", ui, true, 2, 4));

        // The allow-list is the topology's, rendered like `up` renders it; only the sources' passwords are secret.
        String firewallConfig = EgressFirewallConfig.renderForCluster(topology, region, SECRETS_DIR, TLS_DIR, TRUST_DIR);
        docs.add(configMap(EGRESS_FIREWALL_CONFIGMAP, ns, podLabels(ServiceKind.EGRESS_FIREWALL.id(), "egress"),
                "egress-firewall.yaml", firewallConfig));
        docs.addAll(workload(region, ServiceKind.EGRESS_FIREWALL, fw, "egress",
                List.of("--config", CONFIG_DIR + "/egress-firewall.yaml"), true, 2, 4));
        return docs;
    }

    /** The contract's two listeners: edge-facing (edge CA required) and management (operator CA required). */
    private static List<String> edgeFacing(ServiceNode node) {
        List<String> args = new ArrayList<>();
        for (String b : List.of("edge", "operator")) {
            String prefix = "--spring.ssl.bundle.pem." + b + ".";
            args.add(prefix + "keystore.certificate=file:" + TLS_DIR + "/tls.crt");
            args.add(prefix + "keystore.private-key=file:" + TLS_DIR + "/tls.key");
            args.add(prefix + "truststore.certificate=file:" + TRUST_DIR + "/" + b + "-ca.crt");
        }
        args.addAll(List.of("--server.port=" + node.port(), "--server.ssl.bundle=edge", "--server.ssl.client-auth=need",
                "--management.server.port=" + node.managementPort(), "--management.server.ssl.bundle=operator",
                "--management.server.ssl.client-auth=want", "--management.endpoint.health.probes.enabled=true"));
        args.addAll(PROBE_ACCESS);
        return args;
    }

    /**
     * The kubelet probes over TLS without a client certificate: the management listener asks for one instead of
     * requiring it, service-defaults lets a certificate-less GET of exactly the two probe groups through (everything
     * else still needs the operator's or the scraper's certificate), and those groups show no details.
     */
    static final List<String> PROBE_ACCESS = List.of("--citadel.management.anonymous-probes=true",
            "--management.endpoint.health.group.liveness.show-details=never",
            "--management.endpoint.health.group.readiness.show-details=never");

    private static Map<String, String> podLabels(String workload, String zone) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("app.kubernetes.io/name", workload);
        labels.put("app.kubernetes.io/part-of", "citadel");
        labels.put(WORKLOAD_LABEL, workload);
        labels.put(ZONE_LABEL, zone);
        return labels;
    }

    /** Deployment, Service, PodDisruptionBudget and HorizontalPodAutoscaler of one stamp workload. */
    private List<Map<String, Object>> workload(String region, ServiceKind kind, ServiceNode node, String zone,
                                               List<String> args, boolean publicPort, int minReplicas, int maxReplicas) {
        String ns = stampNamespace(region);
        String name = kind.id();
        Map<String, String> labels = podLabels(name, zone);
        boolean springBoot = kind.springBoot();
        List<Object> ports = l();
        if (publicPort) {
            ports.add(m("name", kind == ServiceKind.EGRESS_FIREWALL ? "proxy" : "https", "containerPort", node.port()));
        }
        ports.add(m("name", "management", "containerPort", node.managementPort()));

        List<Object> mounts = l(m("name", "tmp", "mountPath", "/tmp"),
                m("name", "secrets", "mountPath", SECRETS_DIR, "readOnly", true),
                m("name", "tls", "mountPath", TLS_DIR, "readOnly", true),
                m("name", "trust", "mountPath", TRUST_DIR, "readOnly", true));
        List<Object> volumes = l(m("name", "tmp", "emptyDir", m("sizeLimit", "256Mi")),
                m("name", "secrets", "projected", m("defaultMode", 0400, "sources", secretSources(kind))),
                m("name", "tls", "projected", m("defaultMode", 0400, "sources", tlsSources(kind))),
                m("name", "trust", "configMap", m("name", TRUST_CONFIGMAP, "defaultMode", 0444)));
        Map<String, Object> templateMetadata = m("labels", labels);
        if (kind == ServiceKind.EGRESS_FIREWALL) {
            mounts.add(m("name", "config", "mountPath", CONFIG_DIR, "readOnly", true));
            volumes.add(m("name", "config", "configMap", m("name", EGRESS_FIREWALL_CONFIGMAP, "defaultMode", 0444)));
            templateMetadata.put("annotations", m(CONFIG_DIGEST_ANNOTATION,
                    sha256(EgressFirewallConfig.renderForCluster(topology, region, SECRETS_DIR, TLS_DIR, TRUST_DIR))));
        }
        if (kind == ServiceKind.HEALTH_SERVICE) {
            mounts.add(m("name", "state", "mountPath", "/var/lib/citadel"));
            volumes.add(m("name", "state", "emptyDir", m("sizeLimit", "16Mi")));
        }
        Map<String, Object> container = m("name", name, "image", images.of(name), "imagePullPolicy", "IfNotPresent",
                "args", args,
                "env", l(m("name", "CITADEL_REGION", "value", region),
                        m("name", "CITADEL_SECRETS_DIR", "value", SECRETS_DIR),
                        // The container's memory limit sizes the heap, as -Xmx does for `up`.
                        m("name", "JAVA_TOOL_OPTIONS", "value",
                                "-XX:MaxRAMPercentage=70 -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError")),
                "ports", ports,
                "resources", m("requests", m("cpu", "250m", "memory", memory(node.heapMb())),
                        "limits", m("memory", memory(node.heapMb()))),
                "startupProbe", probe(springBoot, "/actuator/health/liveness", 30),
                "livenessProbe", probe(springBoot, "/actuator/health/liveness", 3),
                "readinessProbe", probe(springBoot, "/actuator/health/readiness", 2),
                "securityContext", containerSecurity(),
                "volumeMounts", mounts);
        Map<String, Object> podSpec = m("serviceAccountName", name,
                "automountServiceAccountToken", false,
                "securityContext", podSecurity(),
                "terminationGracePeriodSeconds", 60,
                "topologySpreadConstraints", spread(name),
                "containers", l(container),
                "volumes", volumes);
        Map<String, String> selector = Map.of(WORKLOAD_LABEL, name);
        List<Map<String, Object>> docs = new ArrayList<>();
        docs.add(m("apiVersion", "v1", "kind", "ServiceAccount", "metadata", m("name", name, "namespace", ns),
                "automountServiceAccountToken", false));
        docs.add(resource("apps/v1", "Deployment", name, ns, labels, m("replicas", minReplicas,
                "selector", m("matchLabels", selector),
                "strategy", m("type", "RollingUpdate", "rollingUpdate", m("maxUnavailable", 0, "maxSurge", 1)),
                "template", m("metadata", templateMetadata, "spec", podSpec))));
        List<Object> servicePorts = l();
        for (Object o : ports) {
            @SuppressWarnings("unchecked") Map<String, Object> port = (Map<String, Object>) o;
            servicePorts.add(m("name", port.get("name"), "port", port.get("containerPort"),
                    "targetPort", port.get("name")));
        }
        docs.add(resource("v1", "Service", name, ns, labels, m("type", "ClusterIP", "selector", selector,
                "ports", servicePorts)));
        // maxUnavailable rather than minAvailable: a one-replica workload never blocks a node drain forever.
        docs.add(resource("policy/v1", "PodDisruptionBudget", name, ns, labels,
                m("maxUnavailable", 1, "selector", m("matchLabels", selector))));
        docs.add(resource("autoscaling/v2", "HorizontalPodAutoscaler", name, ns, labels,
                m("scaleTargetRef", m("apiVersion", "apps/v1", "kind", "Deployment", "name", name),
                        "minReplicas", minReplicas, "maxReplicas", maxReplicas,
                        "metrics", l(m("type", "Resource", "resource", m("name", "cpu",
                                "target", m("type", "Utilization", "averageUtilization", 70)))))));
        return docs;
    }

    private static String memory(int heapMb) {
        // Heap is 70 % of the limit; the rest is metaspace, code cache, thread stacks and direct buffers.
        return (heapMb * 10 / 7 + 64) + "Mi";
    }

    /**
     * Actuator health groups on the management port for the Spring Boot services; the Netty appliances (egress
     * firewall, edge) have no actuator, so the kubelet checks that their management listener accepts connections.
     */
    private static Map<String, Object> probe(boolean springBoot, String path, int failureThreshold) {
        Map<String, Object> action = springBoot
                ? m("httpGet", m("path", path, "port", "management", "scheme", "HTTPS"))
                : m("tcpSocket", m("port", "management"));
        Map<String, Object> probe = new LinkedHashMap<>(action);
        probe.put("periodSeconds", 10);
        probe.put("timeoutSeconds", 3);
        probe.put("failureThreshold", failureThreshold);
        return probe;
    }

    static Map<String, Object> podSecurity() {
        return m("runAsNonRoot", true, "runAsUser", UID, "runAsGroup", UID, "fsGroup", UID,
                "seccompProfile", m("type", "RuntimeDefault"));
    }

    static Map<String, Object> containerSecurity() {
        return m("runAsNonRoot", true, "allowPrivilegeEscalation", false, "readOnlyRootFilesystem", true,
                "capabilities", m("drop", l("ALL")), "seccompProfile", m("type", "RuntimeDefault"));
    }

    private static List<Object> spread(String workload) {
        Map<String, Object> selector = m("matchLabels", m(WORKLOAD_LABEL, workload));
        return l(m("maxSkew", 1, "topologyKey", "topology.kubernetes.io/zone", "whenUnsatisfiable", "DoNotSchedule",
                        "labelSelector", selector),
                m("maxSkew", 1, "topologyKey", "kubernetes.io/hostname", "whenUnsatisfiable", "ScheduleAnyway",
                        "labelSelector", selector));
    }

    /**
     * The key-per-file secrets, under the file names the services' {@code configtree:} import reads: the service's
     * own Secret ({@code <service>-secrets}, created by the operator, see README) and, for Kafka users, the password
     * Strimzi's User Operator generates (key {@code password}, mounted as {@code kafka-password}).
     */
    private static List<Object> secretSources(ServiceKind kind) {
        List<Object> sources = l(m("secret", m("name", kind.id() + "-secrets")));
        if (KafkaPlan.USERS.stream().anyMatch(u -> u.service() == kind)) {
            sources.add(m("secret", m("name", kind.id(), "items", l(m("key", "password", "path", "kafka-password")))));
        }
        return sources;
    }

    /** cert-manager's Secret of the service's certificate (tls.crt, tls.key, ca.crt = the stamp CA). */
    private static List<Object> tlsSources(ServiceKind kind) {
        List<Object> sources = l(m("secret", m("name", kind.id() + "-tls")));
        if (kind == ServiceKind.HEALTH_SERVICE) {
            sources.add(m("secret", m("name", "scraper-tls", "items", l(
                    m("key", "tls.crt", "path", "scraper/tls.crt"), m("key", "tls.key", "path", "scraper/tls.key")))));
        }
        return sources;
    }

    private static Map<String, Object> configMap(String name, String ns, Map<String, String> labels, String key,
                                                 String content) {
        return m("apiVersion", "v1", "kind", "ConfigMap", "metadata", m("name", name, "namespace", ns, "labels", labels),
                "data", m(key, content));
    }

    static String sha256(String content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(content.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e); // every JDK has SHA-256
        }
    }

    // --- edge --------------------------------------------------------------------------------------------------------

    private List<Map<String, Object>> edge() {
        Topology.EdgeNode edge = topology.edge();
        String name = "edge";
        Map<String, String> labels = podLabels(name, "edge");
        Map<String, String> selector = Map.of(WORKLOAD_LABEL, name);
        Map<String, Object> container = m("name", name, "image", images.of("edge-gateway"),
                "imagePullPolicy", "IfNotPresent",
                "args", l("--config", CONFIG_DIR + "/edge.yaml"),
                "env", l(m("name", "JAVA_TOOL_OPTIONS", "value",
                        "-XX:MaxRAMPercentage=70 -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError -Dedge.log.dir=/tmp")),
                "ports", l(m("name", "https", "containerPort", edge.port()),
                        m("name", "management", "containerPort", edge.managementPort())),
                "resources", m("requests", m("cpu", "500m", "memory", memory(edge.heapMb())),
                        "limits", m("memory", memory(edge.heapMb()))),
                "startupProbe", probe(false, null, 30),
                "livenessProbe", probe(false, null, 3),
                "readinessProbe", m("tcpSocket", m("port", "https"), "periodSeconds", 5, "failureThreshold", 2),
                "securityContext", containerSecurity(),
                "volumeMounts", l(m("name", "tmp", "mountPath", "/tmp"),
                        m("name", "config", "mountPath", CONFIG_DIR, "readOnly", true),
                        m("name", "secrets", "mountPath", SECRETS_DIR, "readOnly", true),
                        m("name", "tls", "mountPath", TLS_DIR, "readOnly", true),
                        m("name", "trust", "mountPath", TRUST_DIR, "readOnly", true)));
        String edgeConfig = EdgeConfig.renderForCluster(topology, K8sNetwork::stampNamespace, SECRETS_DIR, TLS_DIR,
                TRUST_DIR);
        Map<String, Object> podSpec = m("serviceAccountName", name, "automountServiceAccountToken", false,
                "securityContext", podSecurity(), "terminationGracePeriodSeconds", 60,
                "topologySpreadConstraints", spread(name), "containers", l(container),
                "volumes", l(m("name", "tmp", "emptyDir", m("sizeLimit", "256Mi")),
                        m("name", "config", "configMap", m("name", EDGE_CONFIGMAP, "defaultMode", 0444)),
                        m("name", "trust", "configMap", m("name", TRUST_CONFIGMAP, "defaultMode", 0444)),
                        m("name", "secrets", "projected", m("defaultMode", 0400,
                                "sources", l(m("secret", m("name", "edge-secrets"))))),
                        m("name", "tls", "projected", m("defaultMode", 0400, "sources", l(
                                m("secret", m("name", "edge-tls", "items", l(m("key", "tls.crt", "path", "server/tls.crt"),
                                        m("key", "tls.key", "path", "server/tls.key"), m("key", "ca.crt", "path", "ca.crt")))),
                                m("secret", m("name", "edge-client-tls", "items", l(
                                        m("key", "tls.crt", "path", "client/tls.crt"),
                                        m("key", "tls.key", "path", "client/tls.key")))))))));
        List<Map<String, Object>> docs = new ArrayList<>();
        docs.add(m("apiVersion", "v1", "kind", "ServiceAccount", "metadata", m("name", name, "namespace", EDGE_NAMESPACE),
                "automountServiceAccountToken", false));
        docs.add(configMap(EDGE_CONFIGMAP, EDGE_NAMESPACE, labels, "edge.yaml", edgeConfig));
        docs.add(resource("apps/v1", "Deployment", name, EDGE_NAMESPACE, labels, m("replicas", 2,
                "selector", m("matchLabels", selector),
                "strategy", m("type", "RollingUpdate", "rollingUpdate", m("maxUnavailable", 0, "maxSurge", 1)),
                "template", m("metadata", m("labels", labels,
                        "annotations", m(CONFIG_DIGEST_ANNOTATION, sha256(edgeConfig))), "spec", podSpec))));
        // The only LoadBalancer of the installation: the internet zone's one entry.
        docs.add(resource("v1", "Service", name, EDGE_NAMESPACE, labels, m("type", "LoadBalancer",
                "externalTrafficPolicy", "Local", "selector", selector,
                "ports", l(m("name", "https", "port", 443, "targetPort", "https")))));
        docs.add(resource("v1", "Service", name + "-admin", EDGE_NAMESPACE, labels, m("type", "ClusterIP",
                "selector", selector, "ports", l(m("name", "management", "port", edge.managementPort(),
                        "targetPort", "management")))));
        docs.add(resource("policy/v1", "PodDisruptionBudget", name, EDGE_NAMESPACE, labels,
                m("maxUnavailable", 1, "selector", m("matchLabels", selector))));
        docs.add(resource("autoscaling/v2", "HorizontalPodAutoscaler", name, EDGE_NAMESPACE, labels,
                m("scaleTargetRef", m("apiVersion", "apps/v1", "kind", "Deployment", "name", name),
                        "minReplicas", 2, "maxReplicas", 6,
                        "metrics", l(m("type", "Resource", "resource", m("name", "cpu",
                                "target", m("type", "Utilization", "averageUtilization", 70)))))));
        return docs;
    }

    // --- Kafka (Strimzi) ---------------------------------------------------------------------------------------------

    private List<Map<String, Object>> kafka(String region) {
        String ns = stampNamespace(region);
        Region r = topology.regions().stream().filter(x -> x.name().equals(region)).findFirst().orElseThrow();
        Map<String, String> clusterLabel = Map.of("strimzi.io/cluster", KAFKA_CLUSTER);
        List<Map<String, Object>> docs = new ArrayList<>();
        Map<String, Object> podTemplate = m("metadata", m("labels", podLabels("kafka", "data")),
                "securityContext", podSecurity());
        Map<String, Object> containerTemplate = m("securityContext", containerSecurity());
        docs.add(resource("kafka.strimzi.io/v1beta2", "KafkaNodePool", "brokers", ns, clusterLabel, m(
                "replicas", 3, "roles", l("controller", "broker"),
                "storage", m("type", "jbod", "volumes", l(m("id", 0, "type", "persistent-claim", "size", "20Gi",
                        "deleteClaim", false, "kraftMetadata", "shared"))),
                "resources", m("requests", m("cpu", "500m", "memory", "2Gi"), "limits", m("memory", "2Gi")),
                "template", m("pod", podTemplate, "kafkaContainer", containerTemplate))));
        Map<String, Object> kafkaMeta = m("name", KAFKA_CLUSTER, "namespace", ns,
                "annotations", m("strimzi.io/node-pools", "enabled", "strimzi.io/kraft", "enabled"));
        docs.add(m("apiVersion", "kafka.strimzi.io/v1beta2", "kind", "Kafka", "metadata", kafkaMeta, "spec", m(
                "kafka", m("version", "4.1.0", "metadataVersion", "4.1-IV1",
                        // The one client listener: TLS with the stamp CA's certificate, SCRAM users, as `up` runs it.
                        "listeners", l(m("name", "tls", "port", r.kafka().port(), "type", "internal", "tls", true,
                                "authentication", m("type", "scram-sha-512"),
                                "configuration", m("brokerCertChainAndKey", m("secretName", "kafka-listener-tls",
                                        "certificate", "tls.crt", "key", "tls.key")))),
                        "authorization", m("type", "simple", "superUsers", l("CN=" + KAFKA_CLUSTER + "-entity-operator")),
                        "config", m("default.replication.factor", 3, "min.insync.replicas", 2,
                                "offsets.topic.replication.factor", 3, "transaction.state.log.replication.factor", 3,
                                "transaction.state.log.min.isr", 2, "auto.create.topics.enable", false),
                        "template", m("pod", m("securityContext", podSecurity()),
                                "kafkaContainer", containerTemplate)),
                // The processor group's lag as a Prometheus series, for the kafka-lag alert (deploy/k8s/alerts).
                "kafkaExporter", m("groupRegex", KafkaPlan.PROCESSOR_GROUP, "topicRegex", KafkaPlan.TOPIC,
                        "template", m("pod", m("securityContext", podSecurity()), "container", containerTemplate)),
                "entityOperator", m("topicOperator", m(), "userOperator", m(),
                        "template", m("pod", m("securityContext", podSecurity()),
                                "topicOperatorContainer", containerTemplate,
                                "userOperatorContainer", containerTemplate)))));
        for (KafkaPlan.Topic t : KafkaPlan.TOPICS) {
            docs.add(resource("kafka.strimzi.io/v1beta2", "KafkaTopic", t.name(), ns, clusterLabel,
                    m("partitions", t.partitions(), "replicas", 3, "config", m("min.insync.replicas", 2))));
        }
        for (KafkaPlan.User u : KafkaPlan.USERS) {
            List<Object> acls = l();
            for (KafkaPlan.Grant g : u.grants()) {
                acls.add(m("resource", m("type", g.resourceType().toLowerCase(java.util.Locale.ROOT),
                        "name", g.resource(), "patternType", "literal"),
                        "operations", new ArrayList<Object>(g.operations().stream()
                                .map(o -> o.charAt(0) + o.substring(1).toLowerCase(java.util.Locale.ROOT)).toList()),
                        "host", "*"));
            }
            docs.add(resource("kafka.strimzi.io/v1beta2", "KafkaUser", u.name(), ns, clusterLabel, m(
                    "authentication", m("type", "scram-sha-512"),
                    "authorization", m("type", "simple", "acls", acls))));
        }
        return docs;
    }

    // --- Cassandra (K8ssandra) ---------------------------------------------------------------------------------------

    private Map<String, Object> cassandraCluster() {
        List<Object> dcs = l();
        for (Region r : topology.regions()) {
            dcs.add(m("metadata", m("name", r.cassandra().dataCenter()),
                    // One Kubernetes cluster per region: the data centre runs in the region's cluster.
                    "k8sContext", r.name(),
                    "size", CASSANDRA_NODES_PER_DC,
                    "racks", l(m("name", "rack1", "nodeAffinityLabels", m("topology.kubernetes.io/zone", r.name() + "-a")),
                            m("name", "rack2", "nodeAffinityLabels", m("topology.kubernetes.io/zone", r.name() + "-b")),
                            m("name", "rack3", "nodeAffinityLabels", m("topology.kubernetes.io/zone", r.name() + "-c")))));
        }
        return m("apiVersion", "k8ssandra.io/v1alpha1", "kind", "K8ssandraCluster",
                "metadata", m("name", CASSANDRA_CLUSTER, "namespace", CASSANDRA_NAMESPACE),
                "spec", m("cassandra", m("serverVersion", "5.0.4",
                        "podSecurityContext", podSecurity(),
                        "storageConfig", m("cassandraDataVolumeClaimSpec", m("accessModes", l("ReadWriteOnce"),
                                "resources", m("requests", m("storage", "50Gi")))),
                        "serverEncryptionStores", m("keystoreSecretRef", m("name", "cassandra-keystore"),
                                "truststoreSecretRef", m("name", "cassandra-truststore")),
                        "clientEncryptionStores", m("keystoreSecretRef", m("name", "cassandra-keystore"),
                                "truststoreSecretRef", m("name", "cassandra-truststore")),
                        "config", m("cassandraYaml", m(
                                "authenticator", "PasswordAuthenticator", "authorizer", "CassandraAuthorizer",
                                "client_encryption_options", m("enabled", true, "optional", false),
                                "server_encryption_options", m("internode_encryption", "all"))),
                        "datacenters", dcs)));
    }

    // --- schema and roles ---------------------------------------------------------------------------------------------

    /**
     * The catalog schema and every service's Cassandra role, by {@code citadel migrate} from the management zone (the
     * plan's "operator provisions roles and the schema" flow), as {@code up} does in-process. The Job's name carries
     * a digest of what it runs, so a new release (image or roles) is a new Job and applying the same one twice is a
     * no-op; the migration itself is idempotent either way.
     */
    private List<Map<String, Object>> schemaJob() {
        Region first = topology.regions().get(0);
        String dc = first.cassandra().dataCenter();
        List<String> args = new ArrayList<>(List.of("migrate",
                "--contact-point", CASSANDRA_CLUSTER + "-" + dc + "-service." + CASSANDRA_NAMESPACE + ".svc:"
                        + K8sNetwork.CQL_PORT,
                "--local-dc", dc,
                "--replication", String.join(",", topology.regions().stream()
                        .map(r -> r.cassandra().dataCenter() + "=" + CASSANDRA_NODES_PER_DC).toList()),
                "--username-file", SECRETS_DIR + "/admin/username", "--password-file", SECRETS_DIR + "/admin/password",
                "--ca-certificate", TRUST_DIR + "/stamp-ca.crt", "--roles-dir", SECRETS_DIR + "/roles"));
        List<Object> rolePasswords = l();
        for (Region r : topology.regions()) {
            for (ServiceKind kind : List.of(ServiceKind.CATALOG_API, ServiceKind.BACKGROUND_PROCESSOR,
                    ServiceKind.HEALTH_SERVICE)) {
                String role = kind.cassandraRole(r.name());
                args.addAll(List.of("--role", role + "=" + ServiceKind.CASSANDRA_ACCESS.get(kind)));
                rolePasswords.add(m("key", role, "path", "roles/" + role));
            }
        }
        String image = images.of("citadel-cli");
        String name = SCHEMA_JOB + "-" + sha256(image + "\n" + String.join("\n", args)).substring(0, 10);
        Map<String, String> labels = podLabels(SCHEMA_JOB, "mgmt");
        Map<String, Object> container = m("name", "migrate", "image", image, "imagePullPolicy", "IfNotPresent",
                "args", args,
                "env", l(m("name", "JAVA_TOOL_OPTIONS", "value", "-XX:MaxRAMPercentage=70 -XX:+UseSerialGC")),
                "resources", m("requests", m("cpu", "250m", "memory", "256Mi"), "limits", m("memory", "256Mi")),
                "securityContext", containerSecurity(),
                "volumeMounts", l(m("name", "tmp", "mountPath", "/tmp"),
                        m("name", "secrets", "mountPath", SECRETS_DIR, "readOnly", true),
                        m("name", "trust", "mountPath", TRUST_DIR, "readOnly", true)));
        Map<String, Object> podSpec = m("serviceAccountName", SCHEMA_JOB, "automountServiceAccountToken", false,
                "securityContext", podSecurity(), "restartPolicy", "OnFailure", "containers", l(container),
                "volumes", l(m("name", "tmp", "emptyDir", m("sizeLimit", "64Mi")),
                        m("name", "secrets", "projected", m("defaultMode", 0400, "sources", l(
                                m("secret", m("name", "cassandra-admin", "items", l(
                                        m("key", "username", "path", "admin/username"),
                                        m("key", "password", "path", "admin/password")))),
                                m("secret", m("name", "cassandra-roles", "items", rolePasswords))))),
                        m("name", "trust", "configMap", m("name", TRUST_CONFIGMAP, "defaultMode", 0444))));
        return List.of(
                m("apiVersion", "v1", "kind", "ServiceAccount", "metadata", m("name", SCHEMA_JOB, "namespace", MGMT_NAMESPACE),
                        "automountServiceAccountToken", false),
                resource("batch/v1", "Job", name, MGMT_NAMESPACE, labels, m("backoffLimit", 6,
                        "activeDeadlineSeconds", 1800, "ttlSecondsAfterFinished", 604800,
                        "template", m("metadata", m("labels", labels), "spec", podSpec))));
    }

    // --- PKI (cert-manager) ------------------------------------------------------------------------------------------

    private List<Map<String, Object>> pki() {
        List<Map<String, Object>> docs = new ArrayList<>();
        docs.add(m("apiVersion", "cert-manager.io/v1", "kind", "ClusterIssuer", "metadata", m("name", "citadel-bootstrap"),
                "spec", m("selfSigned", m())));
        String cluster = topology.clusterName();
        for (String[] ca : List.of(new String[] {STAMP_CA, cluster + " CA"}, new String[] {EDGE_CA, cluster + " edge CA"},
                new String[] {OPERATOR_CA, cluster + " operator CA"})) {
            docs.add(resource("cert-manager.io/v1", "Certificate", ca[0], CERT_MANAGER_NAMESPACE, null, m(
                    "isCA", true, "commonName", ca[1], "secretName", ca[0], "duration", "87600h",
                    "privateKey", m("algorithm", "ECDSA", "size", 256),
                    "issuerRef", m("name", "citadel-bootstrap", "kind", "ClusterIssuer", "group", "cert-manager.io"))));
            docs.add(m("apiVersion", "cert-manager.io/v1", "kind", "ClusterIssuer", "metadata", m("name", ca[0]),
                    "spec", m("ca", m("secretName", ca[0]))));
        }
        docs.add(certificate("edge-tls", EDGE_NAMESPACE, STAMP_CA, "edge", List.of("edge", "edge." + EDGE_NAMESPACE + ".svc"),
                List.of("server auth")));
        docs.add(certificate("edge-client-tls", EDGE_NAMESPACE, EDGE_CA, "edge", List.of(), List.of("client auth")));
        docs.add(certificate("operator-tls", MGMT_NAMESPACE, OPERATOR_CA, "operator", List.of(), List.of("client auth")));
        return docs;
    }

    private List<Map<String, Object>> certificates(String region) {
        String ns = stampNamespace(region);
        List<Map<String, Object>> docs = new ArrayList<>();
        for (ServiceKind kind : List.of(ServiceKind.CATALOG_API, ServiceKind.BACKGROUND_PROCESSOR,
                ServiceKind.HEALTH_SERVICE, ServiceKind.WEB_UI, ServiceKind.EGRESS_FIREWALL)) {
            docs.add(certificate(kind.id() + "-tls", ns, STAMP_CA, kind.id(),
                    List.of(kind.id(), kind.id() + "." + ns + ".svc", kind.dnsName(region)), List.of("server auth")));
        }
        // health-service's identity on the stamp's management ports: metrics and health only.
        docs.add(certificate("scraper-tls", ns, OPERATOR_CA, "scraper." + region, List.of(), List.of("client auth")));
        docs.add(certificate("kafka-listener-tls", ns, STAMP_CA, KAFKA_CLUSTER,
                List.of(KAFKA_CLUSTER + "-kafka-bootstrap." + ns + ".svc", "*." + KAFKA_CLUSTER + "-kafka-brokers." + ns + ".svc"),
                List.of("server auth")));
        String dc = dataCenter(region);
        Map<String, Object> cassandra = certificate("cassandra-" + dc + "-tls", CASSANDRA_NAMESPACE, STAMP_CA, "cassandra-" + dc,
                List.of(CASSANDRA_CLUSTER + "-" + dc + "-service." + CASSANDRA_NAMESPACE + ".svc",
                        "*." + CASSANDRA_CLUSTER + "-" + dc + "-all-pods-service." + CASSANDRA_NAMESPACE + ".svc"),
                List.of("server auth", "client auth"));
        @SuppressWarnings("unchecked") Map<String, Object> spec = (Map<String, Object>) cassandra.get("spec");
        // Cassandra reads JKS/PKCS12 stores; cert-manager writes them next to the PEM files.
        spec.put("keystores", m("pkcs12", m("create", true, "profile", "Modern2023",
                "passwordSecretRef", m("name", "cassandra-keystore-password", "key", "password"))));
        docs.add(cassandra);
        return docs;
    }

    private static Map<String, Object> certificate(String name, String namespace, String issuer, String cn,
                                                   List<String> dns, List<String> usages) {
        return resource("cert-manager.io/v1", "Certificate", name, namespace, null, m(
                "secretName", name, "commonName", cn, "dnsNames", dns.isEmpty() ? null : new ArrayList<Object>(dns),
                "duration", "2160h", "renewBefore", "720h",
                "privateKey", m("algorithm", "ECDSA", "size", 256, "rotationPolicy", "Always"),
                "usages", new ArrayList<Object>(usages),
                "issuerRef", m("name", issuer, "kind", "ClusterIssuer", "group", "cert-manager.io")));
    }

    // --- NetworkPolicies ---------------------------------------------------------------------------------------------

    /**
     * The policies of one namespace whose selected pods pass {@code owns}: default deny both ways, one ingress and one
     * egress policy per pod set from the designed flows, and the platform's own flows (DNS, the operators, metrics),
     * labelled apart so the design check can tell them from the design.
     */
    private List<Map<String, Object>> policies(String namespace, java.util.function.Predicate<Peer> owns) {
        List<Map<String, Object>> docs = new ArrayList<>();
        docs.add(policy("default-deny", namespace, "design", m(), l("Ingress", "Egress"), null, null));
        Map<Peer, List<Object>> ingress = new LinkedHashMap<>();
        Map<Peer, List<Object>> egress = new LinkedHashMap<>();
        for (Allowed a : network.allowed()) {
            if (namespace.equals(a.to().namespace()) && owns.test(a.to())) {
                ingress.computeIfAbsent(a.to(), k -> new ArrayList<>()).add(rule("from",
                        a.from().stream().map(K8sManifests::peer).toList(), a.port()));
            }
            for (Peer source : a.from()) {
                if (namespace.equals(source.namespace()) && owns.test(source)) {
                    egress.computeIfAbsent(source, k -> new ArrayList<>()).add(rule("to", List.of(peer(a.to())), a.port()));
                }
            }
        }
        ingress.forEach((p, rules) -> docs.add(policy("ingress-" + selectorName(p), namespace, "design",
                selector(p), l("Ingress"), dedupe(rules), null)));
        egress.forEach((p, rules) -> docs.add(policy("egress-" + selectorName(p), namespace, "design",
                selector(p), l("Egress"), null, dedupe(rules))));
        docs.addAll(platformPolicies(namespace, owns));
        return docs;
    }

    private List<Map<String, Object>> platformPolicies(String namespace, java.util.function.Predicate<Peer> owns) {
        List<Map<String, Object>> docs = new ArrayList<>();
        // Name resolution: every pod asks the cluster DNS, and nothing else through this rule.
        docs.add(policy("platform-dns", namespace, "platform", m(), l("Egress"), null, l(m(
                "to", l(m("namespaceSelector", m("matchLabels", m(NAMESPACE_NAME_LABEL, "kube-system")),
                        "podSelector", m("matchLabels", m("k8s-app", "kube-dns")))),
                "ports", l(m("protocol", "UDP", "port", 53), m("protocol", "TCP", "port", 53))))));
        Map<String, Object> monitoring = m("namespaceSelector", m("matchLabels", m(NAMESPACE_NAME_LABEL,
                MONITORING_NAMESPACE)));
        if (namespace.startsWith(K8sNetwork.PREFIX + "-") && !List.of(EDGE_NAMESPACE, MGMT_NAMESPACE, CASSANDRA_NAMESPACE)
                .contains(namespace)) {
            // Prometheus scrapes the management ports (with a scraper certificate); the alerts read what it stores.
            docs.add(policy("platform-metrics", namespace, "platform", m("matchExpressions", l(m("key", ZONE_LABEL,
                    "operator", "In", "values", l("app", "egress")))), l("Ingress"),
                    l(m("from", l(monitoring), "ports", l(m("protocol", "TCP", "port", "management")))), null));
            Map<String, Object> strimzi = m("namespaceSelector", m("matchLabels", m(NAMESPACE_NAME_LABEL, STRIMZI_NAMESPACE)));
            Map<String, Object> entityOperatorSelector = m("matchLabels",
                    m("strimzi.io/name", KAFKA_CLUSTER + "-entity-operator"));
            Map<String, Object> entityOperator = m("podSelector", entityOperatorSelector);
            // Strimzi's cluster operator and the stamp's entity operator administer the brokers on their
            // replication and control-plane listeners (never the client one).
            Map<String, Object> exporterSelector = m("matchLabels", m("strimzi.io/name", KAFKA_CLUSTER + "-kafka-exporter"));
            Map<String, Object> exporter = m("podSelector", exporterSelector);
            docs.add(policy("platform-strimzi-to-kafka", namespace, "platform", m("matchLabels", workload("kafka")),
                    l("Ingress"), l(m("from", l(strimzi, entityOperator, exporter), "ports", l(m("protocol", "TCP", "port", 9091),
                            m("protocol", "TCP", "port", K8sNetwork.KAFKA_CONTROLLER_PORT)))), null));
            docs.add(policy("platform-entity-operator", namespace, "platform", entityOperatorSelector,
                    l("Egress"),
                    null, l(m("to", l(m("podSelector", m("matchLabels", workload("kafka")))),
                                    "ports", l(m("protocol", "TCP", "port", 9091))),
                            // The Kubernetes API server: its address is the cluster's, so only the port is fixed.
                            m("ports", l(m("protocol", "TCP", "port", 443), m("protocol", "TCP", "port", 6443))))));
            docs.add(policy("platform-kafka-exporter", namespace, "platform", exporterSelector, l("Ingress", "Egress"),
                    l(m("from", l(monitoring), "ports", l(m("protocol", "TCP", "port", 9404)))),
                    l(m("to", l(m("podSelector", m("matchLabels", workload("kafka")))),
                            "ports", l(m("protocol", "TCP", "port", 9091))))));
        }
        if (namespace.equals(CASSANDRA_NAMESPACE)) {
            docs.add(policy("platform-k8ssandra-operator", namespace, "platform", m(), l("Ingress"),
                    l(m("from", l(m("namespaceSelector", m("matchLabels", m(NAMESPACE_NAME_LABEL, K8SSANDRA_NAMESPACE)))),
                            "ports", l(m("protocol", "TCP", "port", 8080)))), null));
        }
        return docs;
    }

    private static Map<String, String> workload(String name) {
        return Map.of(WORKLOAD_LABEL, name);
    }

    private static List<Object> dedupe(List<Object> rules) {
        return new ArrayList<>(new java.util.LinkedHashSet<>(rules));
    }

    private static Map<String, Object> policy(String name, String namespace, String flows, Map<String, Object> podSelector,
                                              List<Object> types, List<Object> ingress, List<Object> egress) {
        return m("apiVersion", "networking.k8s.io/v1", "kind", "NetworkPolicy",
                "metadata", m("name", name, "namespace", namespace, "labels", m(FLOWS_LABEL, flows)),
                "spec", m("podSelector", podSelector, "policyTypes", types, "ingress", ingress, "egress", egress));
    }

    private static Map<String, Object> rule(String direction, List<Map<String, Object>> peers, int port) {
        return m(direction, new ArrayList<Object>(peers),
                "ports", port == 0 ? null : l(m("protocol", "TCP", "port", port)));
    }

    private static Map<String, Object> selector(Peer p) {
        return p.podLabels().isEmpty() ? m() : m("matchLabels", new TreeMap<>(p.podLabels()));
    }

    private static String selectorName(Peer p) {
        if (p.podLabels().isEmpty()) {
            return "all";
        }
        List<String> parts = new ArrayList<>();
        new TreeMap<>(p.podLabels()).forEach((k, v) -> parts.add(switch (k) {
            case ZONE_LABEL -> "zone-" + v;
            case K8sNetwork.CASSANDRA_DC_LABEL -> "cassandra-" + v;
            default -> v;
        }));
        return String.join("-", parts);
    }

    private static Map<String, Object> peer(Peer p) {
        if (p.cidr() != null) {
            return m("ipBlock", m("cidr", p.cidr(), "except", p.except().isEmpty() ? null : new ArrayList<Object>(p.except())));
        }
        return m("namespaceSelector", m("matchLabels", m(NAMESPACE_NAME_LABEL, p.namespace())),
                "podSelector", selector(p));
    }
}
