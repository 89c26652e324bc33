package dev.citadel.cli.k8s;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Rendered manifests read back strictly: each document into the Kubernetes (fabric8) or Strimzi Java model of its
 * kind, failing on any property the model does not know. fabric8 and Strimzi models keep unknown properties in an
 * {@code additionalProperties} map instead of failing, so "strict" is checked by walking the whole object and
 * requiring every such map to be empty.
 */
final class Manifests {

    static final ObjectMapper STRICT = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    private static final YAMLMapper YAML = YAMLMapper.builder().build();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    static final Map<String, Class<?>> TYPED = Map.ofEntries(
            Map.entry("v1/Namespace", Namespace.class),
            Map.entry("v1/ServiceAccount", ServiceAccount.class),
            Map.entry("v1/ConfigMap", ConfigMap.class),
            Map.entry("v1/Service", Service.class),
            Map.entry("apps/v1/Deployment", Deployment.class),
            Map.entry("batch/v1/Job", Job.class),
            Map.entry("policy/v1/PodDisruptionBudget", PodDisruptionBudget.class),
            Map.entry("autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class),
            Map.entry("networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class),
            Map.entry("kafka.strimzi.io/v1beta2/Kafka", Kafka.class),
            Map.entry("kafka.strimzi.io/v1beta2/KafkaNodePool", KafkaNodePool.class),
            Map.entry("kafka.strimzi.io/v1beta2/KafkaTopic", KafkaTopic.class),
            Map.entry("kafka.strimzi.io/v1beta2/KafkaUser", KafkaUser.class));

    /** Every document of a file's text, as untyped trees. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> documents(String yaml) {
        List<Map<String, Object>> docs = new ArrayList<>();
        for (String part : yaml.split("(?m)^---\\s*$")) {
            // Not stripped: a ConfigMap's literal block keeps its final line break only if the text still has it.
            String body = part.replaceAll("(?m)^#.*$", "");
            if (!body.isBlank()) {
                docs.add(YAML.readValue(body, Map.class));
            }
        }
        return docs;
    }

    static String key(Map<String, Object> doc) {
        return doc.get("apiVersion") + "/" + doc.get("kind");
    }

    /** The document in its typed model, strictly; {@code null} for kinds without a Java model here. */
    static Object typed(Map<String, Object> doc) {
        Class<?> type = TYPED.get(key(doc));
        if (type == null) {
            return null;
        }
        try {
            Object value = STRICT.readValue(JSON.writeValueAsString(doc), type);
            List<String> unknown = new ArrayList<>();
            unknownProperties(value, key(doc), unknown, new IdentityHashMap<>());
            if (!unknown.isEmpty()) {
                throw new AssertionError("unknown properties in " + key(doc) + " " + name(doc) + ": " + unknown);
            }
            return value;
        } catch (java.io.IOException e) {
            throw new AssertionError(key(doc) + " " + name(doc) + " does not parse: " + e.getMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    static String name(Map<String, Object> doc) {
        Map<String, Object> meta = (Map<String, Object>) doc.get("metadata");
        return meta == null ? "?" : meta.get("namespace") + "/" + meta.get("name");
    }

    private static void unknownProperties(Object value, String path, List<String> unknown, Map<Object, Boolean> seen) {
        if (value == null || seen.containsKey(value)) {
            return;
        }
        if (value instanceof Collection<?> c) {
            int i = 0;
            for (Object o : c) {
                unknownProperties(o, path + "[" + i++ + "]", unknown, seen);
            }
            return;
        }
        if (value instanceof Map<?, ?> m) {
            m.forEach((k, v) -> unknownProperties(v, path + "." + k, unknown, seen));
            return;
        }
        String pkg = value.getClass().getPackageName();
        if (!pkg.startsWith("io.fabric8") && !pkg.startsWith("io.strimzi")) {
            return;
        }
        seen.put(value, true);
        for (Method getter : value.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                    || !getter.getName().startsWith("get") || getter.getName().equals("getClass")) {
                continue;
            }
            Object child;
            try {
                child = getter.invoke(value);
            } catch (ReflectiveOperationException | RuntimeException e) {
                continue;
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                if (child instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    unknown.add(path + ": " + extra.keySet());
                }
                continue;
            }
            unknownProperties(child, path + "." + getter.getName().substring(3), unknown, seen);
        }
    }

    static <T> List<T> all(List<Object> typed, Class<T> type) {
        return typed.stream().filter(type::isInstance).map(type::cast).toList();
    }

    static Set<String> namespaces(List<Object> typed) {
        return new java.util.TreeSet<>(all(typed, Namespace.class).stream().map(n -> n.getMetadata().getName()).toList());
    }

    static String ns(HasMetadata r) {
        return r.getMetadata().getNamespace();
    }

    private Manifests() {}
}
