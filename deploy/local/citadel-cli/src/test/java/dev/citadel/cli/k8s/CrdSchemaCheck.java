package dev.citadel.cli.k8s;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * cert-manager and K8ssandra resources validated against their CRDs' OpenAPI v3 schemas, vendored under
 * {@code crd-schemas/} (see its README for sources, commits and licence). The API server prunes, and
 * {@code kubectl --validate=strict} rejects, any property a structural schema does not declare; JSON Schema allows
 * them unless told otherwise, so every object schema that declares {@code properties} gets
 * {@code additionalProperties: false} unless it carries {@code x-kubernetes-preserve-unknown-fields}. Types,
 * formats, patterns, enums, minimums, lengths and required fields are checked by networknt's validator as written.
 * {@code metadata} is ObjectMeta, which the CRD schema leaves open; only the fields Citadel sets are allowed there.
 */
final class CrdSchemaCheck {

    /** The custom resource kinds with a vendored schema, {@code apiVersion/kind}. */
    static final Set<String> KINDS = Set.of("cert-manager.io/v1/Certificate", "cert-manager.io/v1/ClusterIssuer",
            "k8ssandra.io/v1alpha1/K8ssandraCluster");

    private static final Set<String> METADATA = Set.of("name", "namespace", "labels", "annotations");
    private static final YAMLMapper YAML = YAMLMapper.builder().build();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private static final Map<String, Schema> SCHEMAS = new ConcurrentHashMap<>();

    /** The schema violations of {@code doc} (empty = valid), each with its JSON path. */
    static List<String> violations(Map<String, Object> doc) {
        String key = Manifests.key(doc);
        if (!KINDS.contains(key)) {
            return List.of("no vendored schema for " + key);
        }
        List<String> found = new ArrayList<>();
        if (doc.get("metadata") instanceof Map<?, ?> metadata) {
            metadata.keySet().stream().filter(k -> !METADATA.contains(k))
                    .forEach(k -> found.add("$.metadata." + k + ": not a field Citadel sets"));
        }
        JsonNode instance = JSON.valueToTree(doc);
        for (Error error : SCHEMAS.computeIfAbsent(key, CrdSchemaCheck::load).validate(instance)) {
            found.add(error.toString());
        }
        return found;
    }

    private static Schema load(String key) {
        String[] parts = key.split("/");
        String file = "crd-schemas/" + parts[0] + "_" + parts[1] + "_" + parts[2] + ".yaml";
        try (InputStream in = CrdSchemaCheck.class.getClassLoader().getResourceAsStream(file)) {
            if (in == null) {
                throw new IllegalStateException("missing " + file);
            }
            return REGISTRY.getSchema(structural(YAML.readTree(in)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The CRD schema as JSON Schema with Kubernetes' rule for undeclared properties. */
    static JsonNode structural(JsonNode node) {
        if (node instanceof ObjectNode object) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            object.properties().forEach(e -> {
                // The x-kubernetes-* extensions mean nothing to a JSON Schema validator; their effect is applied here.
                if (!e.getKey().startsWith("x-kubernetes-")) {
                    copy.set(e.getKey(), e.getKey().equals("properties") ? structuralEach(e.getValue())
                            : structural(e.getValue()));
                }
            });
            boolean preserve = object.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
            if (object.has("properties") && !object.has("additionalProperties") && !preserve) {
                copy.put("additionalProperties", false);
            }
            return copy;
        }
        if (node instanceof ArrayNode array) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            array.forEach(item -> copy.add(structural(item)));
            return copy;
        }
        return node;
    }

    /** A {@code properties} map: its keys are field names, not keywords, so only the values are schemas. */
    private static JsonNode structuralEach(JsonNode properties) {
        ObjectNode copy = JsonNodeFactory.instance.objectNode();
        properties.properties().forEach(e -> copy.set(e.getKey(), structural(e.getValue())));
        return copy;
    }

    private CrdSchemaCheck() {}
}
