package dev.citadel.cli.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import dev.citadel.cli.k8s.PolicyModel.Endpoint;
import dev.citadel.cli.network.Destination;
import dev.citadel.cli.network.NetworkPlan;
import dev.citadel.cli.network.Zone;
import dev.citadel.cli.provision.KafkaPlan;
import dev.citadel.cli.topology.Topology;
import dev.citadel.cli.topology.TopologyLoader;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.strimzi.api.kafka.model.common.template.ContainerTemplate;
import io.strimzi.api.kafka.model.common.template.PodTemplate;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;
import io.strimzi.api.kafka.model.user.KafkaUserAuthorizationSimple;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The manifests of the repository's own topology: committed as rendered, parsed strictly, restricted-PSS pods,
 * default-deny everywhere, and exactly the isolated-mode network plan's flows.
 */
class K8sManifestsTest {

    static final Path TOPOLOGY = Path.of("..", "topology.yaml").toAbsolutePath().normalize();
    static final Path COMMITTED = Path.of("..", "..", "k8s").toAbsolutePath().normalize();
    static final String INTERNET_CLIENT = "203.0.113.10";
    static final String INTERNET_WEB_SERVER = "203.0.113.80";

    static Topology topology;
    static Map<String, String> rendered;
    static List<Map<String, Object>> documents = new ArrayList<>();
    static List<Object> typed = new ArrayList<>();

    @BeforeAll
    static void render() {
        topology = TopologyLoader.load(TOPOLOGY);
        rendered = new K8sManifests(topology, K8sManifests.Images.DEFAULT).render();
        rendered.forEach((file, text) -> {
            if (!file.endsWith("kustomization.yaml")) {
                for (Map<String, Object> doc : Manifests.documents(text)) {
                    documents.add(doc);
                    Object t = Manifests.typed(doc);
                    if (t != null) {
                        typed.add(t);
                    }
                }
            }
        });
    }

    @Test
    void committedManifestsAreExactlyTheRenderedOnes() throws IOException {
        Map<String, String> committed = new TreeMap<>();
        Set<String> dirs = new TreeSet<>();
        rendered.keySet().forEach(f -> dirs.add(f.substring(0, f.indexOf('/'))));
        for (String dir : dirs) {
            try (Stream<Path> files = Files.list(COMMITTED.resolve(dir))) {
                for (Path f : files.toList()) {
                    committed.put(dir + "/" + f.getFileName(), Files.readString(f));
                }
            }
        }
        assertThat(committed)
                .as("deploy/k8s is rendered from deploy/local/topology.yaml: run "
                        + "`./citadel render k8s` after changing the topology or the renderer")
                .isEqualTo(rendered);
    }

    @Test
    void everyKustomizationListsItsFilesAndEveryDocumentHasAModelOrAVendoredSchema() {
        rendered.forEach((file, text) -> {
            if (file.endsWith("kustomization.yaml")) {
                String dir = file.substring(0, file.indexOf('/'));
                List<String> siblings = rendered.keySet().stream()
                        .filter(f -> f.startsWith(dir + "/") && !f.endsWith("kustomization.yaml"))
                        .map(f -> f.substring(dir.length() + 1)).toList();
                assertThat(text).contains(siblings.stream().map(s -> "- " + s).toArray(String[]::new));
            }
        });
        Set<String> kinds = new TreeSet<>();
        documents.forEach(d -> kinds.add(Manifests.key(d)));
        Set<String> unchecked = new TreeSet<>(kinds);
        unchecked.removeAll(Manifests.TYPED.keySet());
        assertThat(unchecked).containsExactlyInAnyOrderElementsOf(CrdSchemaCheck.KINDS);
    }

    @Test
    void certManagerAndK8ssandraResourcesAreValidAgainstTheirCrdSchemas() {
        for (Map<String, Object> doc : documents) {
            if (!Manifests.TYPED.containsKey(Manifests.key(doc))) {
                assertThat(CrdSchemaCheck.violations(doc)).as(Manifests.key(doc) + " " + Manifests.name(doc)).isEmpty();
            }
        }
    }

    @Test
    void everyPodIsRestrictedPodSecurityStandardCompliant() {
        List<Deployment> deployments = Manifests.all(typed, Deployment.class);
        assertThat(deployments).extracting(d -> d.getMetadata().getName()).containsExactlyInAnyOrder("edge",
                "catalog-api", "background-processor", "health-service", "web-ui", "egress-firewall",
                "catalog-api", "background-processor", "health-service", "web-ui", "egress-firewall");
        for (Deployment d : deployments) {
            PodSpec pod = d.getSpec().getTemplate().getSpec();
            String where = Manifests.ns(d) + "/" + d.getMetadata().getName();
            restrictedPod(where, pod.getSecurityContext());
            assertThat(pod.getHostNetwork()).as(where).isNotEqualTo(Boolean.TRUE);
            assertThat(pod.getHostPID()).as(where).isNotEqualTo(Boolean.TRUE);
            assertThat(pod.getHostIPC()).as(where).isNotEqualTo(Boolean.TRUE);
            assertThat(pod.getAutomountServiceAccountToken()).as(where).isFalse();
            for (Volume v : pod.getVolumes()) {
                assertThat(v.getHostPath()).as(where + " volume " + v.getName()).isNull();
                assertThat(v.getEmptyDir() != null || v.getProjected() != null || v.getConfigMap() != null
                        || v.getSecret() != null).as(where + " volume " + v.getName()).isTrue();
            }
            for (Container c : pod.getContainers()) {
                restrictedContainer(where, c.getSecurityContext());
                assertThat(c.getVolumeMounts()).as(where + ": /tmp is writable on a read-only root")
                        .anySatisfy(m -> assertThat(m.getMountPath()).isEqualTo("/tmp"));
                assertThat(c.getLivenessProbe()).as(where).isNotNull();
                assertThat(c.getReadinessProbe()).as(where).isNotNull();
                if (c.getReadinessProbe().getHttpGet() != null) {
                    // The actuator groups on the management listener, which lets the certificate-less kubelet read them.
                    assertThat(c.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/readiness");
                    assertThat(c.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/liveness");
                    assertThat(c.getReadinessProbe().getHttpGet().getScheme()).isEqualTo("HTTPS");
                    assertThat(c.getReadinessProbe().getHttpGet().getPort().getStrVal()).isEqualTo("management");
                    assertThat(c.getArgs()).as(where).contains("--citadel.management.anonymous-probes=true",
                            "--management.endpoint.health.group.readiness.show-details=never")
                            .noneMatch(a -> a.startsWith("--management.server.ssl.client-auth=need"));
                }
                assertThat(c.getResources().getLimits()).as(where).containsKey("memory");
            }
            assertThat(d.getSpec().getTemplate().getSpec().getTopologySpreadConstraints()).as(where)
                    .anySatisfy(t -> assertThat(t.getTopologyKey()).isEqualTo("topology.kubernetes.io/zone"));
        }
        List<Job> jobs = Manifests.all(typed, Job.class);
        assertThat(jobs).isNotEmpty();
        for (Job j : jobs) {
            PodSpec pod = j.getSpec().getTemplate().getSpec();
            String where = Manifests.ns(j) + "/" + j.getMetadata().getName();
            restrictedPod(where, pod.getSecurityContext());
            assertThat(pod.getAutomountServiceAccountToken()).as(where).isFalse();
            assertThat(pod.getVolumes()).allSatisfy(v -> assertThat(v.getHostPath()).as(where).isNull());
            for (Container c : pod.getContainers()) {
                restrictedContainer(where, c.getSecurityContext());
                assertThat(c.getResources().getLimits()).as(where).containsKey("memory");
            }
        }
        for (Kafka k : Manifests.all(typed, Kafka.class)) {
            strimzi("Kafka " + k.getMetadata().getNamespace(), k.getSpec().getKafka().getTemplate().getPod(),
                    k.getSpec().getKafka().getTemplate().getKafkaContainer());
            strimzi("entity operator " + k.getMetadata().getNamespace(),
                    k.getSpec().getEntityOperator().getTemplate().getPod(),
                    k.getSpec().getEntityOperator().getTemplate().getTopicOperatorContainer());
            strimzi("kafka exporter " + k.getMetadata().getNamespace(),
                    k.getSpec().getKafkaExporter().getTemplate().getPod(),
                    k.getSpec().getKafkaExporter().getTemplate().getContainer());
            restrictedContainer("user operator", k.getSpec().getEntityOperator().getTemplate()
                    .getUserOperatorContainer().getSecurityContext());
        }
        for (KafkaNodePool p : Manifests.all(typed, KafkaNodePool.class)) {
            strimzi("node pool " + p.getMetadata().getNamespace(), p.getSpec().getTemplate().getPod(),
                    p.getSpec().getTemplate().getKafkaContainer());
        }
        assertThat(Manifests.all(typed, io.fabric8.kubernetes.api.model.Namespace.class)).allSatisfy(n ->
                assertThat(n.getMetadata().getLabels()).containsEntry("pod-security.kubernetes.io/"
                        + (n.getMetadata().getName().equals("citadel-cassandra") ? "warn" : "enforce"), "restricted"));
    }

    private static void strimzi(String where, PodTemplate pod, ContainerTemplate container) {
        restrictedPod(where, pod.getSecurityContext());
        restrictedContainer(where, container.getSecurityContext());
    }

    private static void restrictedPod(String where, PodSecurityContext s) {
        assertThat(s).as(where).isNotNull();
        assertThat(s.getRunAsNonRoot()).as(where + " runAsNonRoot").isTrue();
        assertThat(s.getRunAsUser()).as(where + " runAsUser").isNotNull().isNotZero();
        assertThat(s.getSeccompProfile().getType()).as(where + " seccomp").isEqualTo("RuntimeDefault");
    }

    private static void restrictedContainer(String where, SecurityContext s) {
        assertThat(s).as(where).isNotNull();
        assertThat(s.getAllowPrivilegeEscalation()).as(where + " allowPrivilegeEscalation").isFalse();
        assertThat(s.getPrivileged()).as(where + " privileged").isNotEqualTo(Boolean.TRUE);
        assertThat(s.getReadOnlyRootFilesystem()).as(where + " readOnlyRootFilesystem").isTrue();
        assertThat(s.getCapabilities().getDrop()).as(where + " capabilities").containsExactly("ALL");
        assertThat(s.getCapabilities().getAdd()).as(where + " capabilities").isNullOrEmpty();
        assertThat(s.getRunAsNonRoot()).as(where).isTrue();
    }

    @Test
    void everyNamespaceDeniesIngressAndEgressByDefault() {
        List<NetworkPolicy> policies = Manifests.all(typed, NetworkPolicy.class);
        Set<String> namespaces = Manifests.namespaces(typed);
        assertThat(namespaces).contains("citadel-edge", "citadel-mgmt", "citadel-cassandra", "citadel-region1",
                "citadel-region2");
        for (String ns : namespaces) {
            assertThat(policies).as(ns).anySatisfy(p -> {
                assertThat(Manifests.ns(p)).isEqualTo(ns);
                assertThat(p.getSpec().getPodSelector().getMatchLabels()).isNullOrEmpty();
                assertThat(p.getSpec().getPodSelector().getMatchExpressions()).isNullOrEmpty();
                assertThat(p.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
                assertThat(p.getSpec().getIngress()).isNullOrEmpty();
                assertThat(p.getSpec().getEgress()).isNullOrEmpty();
            });
        }
        assertThat(policies).allSatisfy(p -> assertThat(namespaces).contains(Manifests.ns(p)));
    }

    @Test
    void networkPoliciesAllowExactlyTheFlowsOfTheIsolatedNetworkPlan() {
        Map<String, String> mismatches = matrix(Manifests.all(typed, NetworkPolicy.class));
        assertThat(mismatches).isEmpty();
    }

    @Test
    void theFlowMatrixNoticesAMissingPolicy() {
        List<NetworkPolicy> policies = new ArrayList<>(Manifests.all(typed, NetworkPolicy.class));
        policies.removeIf(p -> Manifests.ns(p).equals("citadel-region1")
                && p.getMetadata().getName().equals("ingress-kafka"));
        assertThat(matrix(policies)).containsKey("region1-app -> kafka-region1 client");
    }

    /** Every (zone, destination) pair of the plan, as {@code check network} tries them: those not as designed. */
    private static Map<String, String> matrix(List<NetworkPolicy> policies) {
        PolicyModel model = new PolicyModel(policies);
        NetworkPlan plan = NetworkPlan.of(topology);
        Map<String, String> mismatches = new LinkedHashMap<>();
        int checked = 0;
        for (Zone source : plan.zones()) {
            for (Destination d : plan.destinations()) {
                boolean designed = plan.designed(source, d);
                Target target = target(d);
                for (Endpoint from : sources(source)) {
                    boolean allowed = model.allows(from, target.endpoint(), target.port());
                    checked++;
                    if (allowed != designed) {
                        mismatches.put(source.name() + " -> " + d.label(), "designed " + designed + ", policies "
                                + allowed + " (from " + from + " to " + target + ")");
                    }
                }
            }
        }
        assertThat(checked).isGreaterThan(plan.zones().size() * plan.destinations().size() - 1);
        return mismatches;
    }

    record Target(Endpoint endpoint, int port) {}

    /** The pods the manifests run in a zone (read from the Deployments and node pools, not from the renderer). */
    private static List<Endpoint> sources(Zone zone) {
        String stamp = "citadel-" + zone.region();
        return switch (zone.kind()) {
            case INTERNET -> List.of(Endpoint.external(INTERNET_CLIENT));
            case EDGE -> List.of(deployment("citadel-edge", "edge"));
            // Whatever the operator runs in the management namespace (a jump pod, a Job).
            case MANAGEMENT -> List.of(Endpoint.pod("citadel-mgmt", Map.of("run", "operator"), Map.of()));
            case APP -> Stream.of("catalog-api", "background-processor", "health-service", "web-ui")
                    .map(w -> deployment(stamp, w)).toList();
            case EGRESS -> List.of(deployment(stamp, "egress-firewall"));
            case DATA -> List.of(kafkaBroker(stamp), cassandraNode(zone.region()));
        };
    }

    private static Target target(Destination d) {
        Zone z = d.zone();
        String stamp = "citadel-" + z.region();
        String label = d.label();
        return switch (z.kind()) {
            case INTERNET -> new Target(Endpoint.external(INTERNET_WEB_SERVER), d.port());
            case EDGE -> new Target(exposing(deployment("citadel-edge", "edge"), d.port()), d.port());
            case MANAGEMENT -> new Target(Endpoint.pod("citadel-mgmt", Map.of("run", "operator"), Map.of()), d.port());
            case APP, EGRESS -> new Target(exposing(deployment(stamp, label.substring(0, label.indexOf("-" + z.region()
                    + " "))), d.port()), d.port());
            case DATA -> label.startsWith("kafka-")
                    ? new Target(kafkaBroker(stamp), label.endsWith("controller") ? 9090 : d.port())
                    : new Target(cassandraNode(z.region()), label.endsWith(" cql") ? 9042
                            : label.endsWith(" storage") ? 7000 : 7199);
        };
    }

    private static Endpoint exposing(Endpoint pod, int port) {
        assertThat(pod.namedPorts()).as(pod + " listens on " + port).containsValue(port);
        return pod;
    }

    private static Endpoint deployment(String namespace, String name) {
        Deployment d = Manifests.all(typed, Deployment.class).stream()
                .filter(x -> Manifests.ns(x).equals(namespace) && x.getMetadata().getName().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("no Deployment " + namespace + "/" + name));
        Map<String, Integer> ports = new HashMap<>();
        for (Container c : d.getSpec().getTemplate().getSpec().getContainers()) {
            for (ContainerPort p : c.getPorts()) {
                ports.put(p.getName(), p.getContainerPort());
            }
        }
        return Endpoint.pod(namespace, d.getSpec().getTemplate().getMetadata().getLabels(), ports);
    }

    private static Endpoint kafkaBroker(String namespace) {
        KafkaNodePool pool = Manifests.all(typed, KafkaNodePool.class).stream()
                .filter(p -> Manifests.ns(p).equals(namespace)).findFirst().orElseThrow();
        Map<String, String> labels = new HashMap<>(pool.getSpec().getTemplate().getPod().getMetadata().getLabels());
        // What Strimzi adds to every broker pod.
        labels.put("strimzi.io/cluster", K8sManifests.KAFKA_CLUSTER);
        labels.put("strimzi.io/kind", "Kafka");
        labels.put("strimzi.io/pool-name", pool.getMetadata().getName());
        return Endpoint.pod(namespace, labels, Map.of());
    }

    /** A Cassandra pod as cass-operator labels it. */
    private static Endpoint cassandraNode(String region) {
        String dc = topology.regions().stream().filter(r -> r.name().equals(region)).findFirst().orElseThrow()
                .cassandra().dataCenter();
        return Endpoint.pod("citadel-cassandra", Map.of("cassandra.datastax.com/datacenter", dc,
                "cassandra.datastax.com/cluster", K8sManifests.CASSANDRA_CLUSTER, "app.kubernetes.io/name", "cassandra"),
                Map.of());
    }

    @Test
    void theEdgeIsTheOnlyLoadBalancerAndEveryWorkloadHasAPdbAndAnHpa() {
        List<Service> services = Manifests.all(typed, Service.class);
        assertThat(services.stream().filter(s -> "LoadBalancer".equals(s.getSpec().getType())))
                .extracting(s -> Manifests.ns(s) + "/" + s.getMetadata().getName()).containsExactly("citadel-edge/edge");
        assertThat(services).allSatisfy(s -> assertThat(s.getSpec().getType()).isIn("ClusterIP", "LoadBalancer"));
        assertThat(documents).noneMatch(d -> d.get("kind").equals("Ingress"));
        for (Deployment d : Manifests.all(typed, Deployment.class)) {
            String key = Manifests.ns(d) + "/" + d.getMetadata().getName();
            assertThat(Manifests.all(typed, PodDisruptionBudget.class))
                    .anySatisfy(p -> assertThat(Manifests.ns(p) + "/" + p.getMetadata().getName()).isEqualTo(key));
            assertThat(Manifests.all(typed, HorizontalPodAutoscaler.class)).anySatisfy(h -> {
                assertThat(Manifests.ns(h)).isEqualTo(Manifests.ns(d));
                assertThat(h.getSpec().getScaleTargetRef().getName()).isEqualTo(d.getMetadata().getName());
            });
        }
    }

    @Test
    void theEdgeAndEveryEgressFirewallReadTheirRenderedConfigMapAndRollWhenItChanges() {
        List<String> seen = new ArrayList<>();
        for (Deployment d : Manifests.all(typed, Deployment.class)) {
            String digest = d.getSpec().getTemplate().getMetadata().getAnnotations() == null ? null
                    : d.getSpec().getTemplate().getMetadata().getAnnotations().get(K8sManifests.CONFIG_DIGEST_ANNOTATION);
            var configVolume = d.getSpec().getTemplate().getSpec().getVolumes().stream()
                    .filter(v -> v.getName().equals("config")).findFirst();
            if (configVolume.isEmpty()) {
                assertThat(digest).as(d.getMetadata().getName()).isNull();
                continue;
            }
            String cmName = configVolume.get().getConfigMap().getName();
            ConfigMap cm = Manifests.all(typed, ConfigMap.class).stream()
                    .filter(c -> c.getMetadata().getName().equals(cmName) && Manifests.ns(c).equals(Manifests.ns(d)))
                    .findFirst().orElseThrow(() -> new AssertionError("no ConfigMap " + cmName + " beside " + d));
            String file = d.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs().get(1);
            assertThat(file).startsWith(K8sManifests.CONFIG_DIR + "/");
            String content = cm.getData().get(file.substring(K8sManifests.CONFIG_DIR.length() + 1));
            assertThat(content).as("the --config file is a key of the mounted ConfigMap").isNotNull();
            assertThat(digest).isEqualTo(K8sManifests.sha256(content));
            seen.add(Manifests.ns(d) + "/" + d.getMetadata().getName());
        }
        assertThat(seen).containsExactlyInAnyOrder("citadel-edge/edge", "citadel-region1/egress-firewall",
                "citadel-region2/egress-firewall");
    }

    @Test
    void oneJobMigratesTheSchemaAndGrantsEveryServiceRoleFromTheManagementZone() {
        List<Job> schemaJobs = Manifests.all(typed, Job.class).stream().filter(j -> j.getMetadata().getName()
                .startsWith(K8sManifests.SCHEMA_JOB + "-")).toList();
        assertThat(schemaJobs).hasSize(1);
        Job job = schemaJobs.get(0);
        assertThat(Manifests.ns(job)).isEqualTo(K8sNetwork.MGMT_NAMESPACE);
        Container c = job.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(c.getImage()).isEqualTo("citadel/citadel-cli:0.1.0");
        List<String> args = c.getArgs();
        assertThat(args.get(0)).isEqualTo("migrate");
        assertThat(args).containsSequence("--replication", "dc1=3,dc2=3")
                .containsSequence("--contact-point", "citadel-dc1-service.citadel-cassandra.svc:9042");
        List<String> roles = new ArrayList<>();
        for (int i = 0; i < args.size() - 1; i++) {
            if (args.get(i).equals("--role")) {
                roles.add(args.get(i + 1));
            }
        }
        assertThat(roles).containsExactly("catalog_api_region1=API", "background_processor_region1=PROCESSOR",
                "health_service_region1=HEALTH", "catalog_api_region2=API", "background_processor_region2=PROCESSOR",
                "health_service_region2=HEALTH");
        // Every role's password is a file where --roles-dir says, from the Secret cassandra-roles.
        var projected = job.getSpec().getTemplate().getSpec().getVolumes().stream()
                .filter(v -> v.getProjected() != null).findFirst().orElseThrow().getProjected().getSources();
        List<String> files = projected.stream().filter(p -> p.getSecret().getName().equals("cassandra-roles"))
                .flatMap(p -> p.getSecret().getItems().stream()).map(k -> k.getPath()).toList();
        assertThat(files).containsExactlyElementsOf(roles.stream().map(r -> "roles/" + r.substring(0, r.indexOf('='))).toList());
        assertThat(args).containsSequence("--roles-dir", K8sManifests.SECRETS_DIR + "/roles");
        // The digest in the name: a new image is a new Job, the same manifests applied again are the same Job.
        K8sManifests other = new K8sManifests(topology, new K8sManifests.Images("registry.example/", "2.0.0"));
        assertThat(other.render().get("global/schema-job.yaml")).doesNotContain(job.getMetadata().getName())
                .contains(K8sManifests.SCHEMA_JOB + "-");
        assertThat(new K8sManifests(topology, K8sManifests.Images.DEFAULT).render().get("global/schema-job.yaml"))
                .contains(job.getMetadata().getName());
    }

    @Test
    void strimziResourcesCarryTheUsersTopicsAndAclsUpCreates() {
        for (String ns : List.of("citadel-region1", "citadel-region2")) {
            List<KafkaTopic> topics = Manifests.all(typed, KafkaTopic.class).stream()
                    .filter(t -> Manifests.ns(t).equals(ns)).toList();
            assertThat(topics).extracting(t -> t.getMetadata().getName() + ":" + t.getSpec().getPartitions())
                    .containsExactlyInAnyOrderElementsOf(KafkaPlan.TOPICS.stream()
                            .map(t -> t.name() + ":" + t.partitions()).toList());
            List<KafkaUser> users = Manifests.all(typed, KafkaUser.class).stream()
                    .filter(u -> Manifests.ns(u).equals(ns)).toList();
            Set<String> actual = new TreeSet<>();
            for (KafkaUser u : users) {
                assertThat(u.getSpec().getAuthentication().getType()).isEqualTo("scram-sha-512");
                for (var acl : ((KafkaUserAuthorizationSimple) u.getSpec().getAuthorization()).getAcls()) {
                    for (var op : acl.getOperations()) {
                        actual.add(u.getMetadata().getName() + " " + acl.getResource().getType() + ":"
                                + resourceName(acl.getResource()) + " " + op);
                    }
                }
            }
            Set<String> expected = new TreeSet<>();
            for (KafkaPlan.User u : KafkaPlan.USERS) {
                for (KafkaPlan.Grant g : u.grants()) {
                    g.operations().forEach(op -> expected.add(u.name() + " " + g.resourceType().toLowerCase() + ":"
                            + g.resource() + " " + op));
                }
            }
            assertThat(actual).as(ns).isEqualTo(expected);
            Kafka kafka = Manifests.all(typed, Kafka.class).stream().filter(k -> Manifests.ns(k).equals(ns))
                    .findFirst().orElseThrow();
            assertThat(kafka.getSpec().getKafka().getListeners()).singleElement().satisfies(l -> {
                assertThat(l.isTls()).isTrue();
                assertThat(l.getAuth().getType()).isEqualTo("scram-sha-512");
                assertThat(l.getPort()).isEqualTo(topology.regions().get(0).kafka().port());
            });
        }
    }

    private static String resourceName(Object resource) {
        try {
            return (String) resource.getClass().getMethod("getName").invoke(resource);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void oneCassandraDataCentrePerRegion() {
        Map<String, Object> cluster = documents.stream().filter(d -> d.get("kind").equals("K8ssandraCluster"))
                .findFirst().orElseThrow();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> dcs = (List<Map<String, Object>>) ((Map<String, Object>) ((Map<String, Object>)
                cluster.get("spec")).get("cassandra")).get("datacenters");
        assertThat(dcs).extracting(dc -> ((Map<?, ?>) dc.get("metadata")).get("name") + "@" + dc.get("k8sContext"))
                .containsExactlyElementsOf(topology.regions().stream()
                        .map(r -> r.cassandra().dataCenter() + "@" + r.name()).toList());
    }
}
