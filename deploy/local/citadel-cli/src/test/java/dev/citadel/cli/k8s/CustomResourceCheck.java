package dev.citadel.cli.k8s;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * cert-manager and K8ssandra publish no Java model on Maven Central, and their CRD schemas cannot be fetched here, so
 * their resources get a minimal check: every field path used must be on this list, copied by hand from their API
 * references (cert-manager.io/v1, k8ssandra.io/v1alpha1 of k8ssandra-operator 1.x). It catches typos and misplaced
 * fields, not type errors; a server-side dry run against the real CRDs is the full check (deploy/k8s/README.md).
 * Paths use {@code []} for list items and {@code *} for free-form maps.
 */
final class CustomResourceCheck {

    static final Map<String, Set<String>> KNOWN = Map.of(
            "cert-manager.io/v1/ClusterIssuer", Set.of("spec.selfSigned", "spec.ca.secretName"),
            "cert-manager.io/v1/Certificate", Set.of("spec.secretName", "spec.commonName", "spec.dnsNames[]",
                    "spec.duration", "spec.renewBefore", "spec.isCA", "spec.usages[]", "spec.privateKey.algorithm",
                    "spec.privateKey.size", "spec.privateKey.rotationPolicy", "spec.issuerRef.name",
                    "spec.issuerRef.kind", "spec.issuerRef.group", "spec.keystores.pkcs12.create",
                    "spec.keystores.pkcs12.profile", "spec.keystores.pkcs12.passwordSecretRef.name",
                    "spec.keystores.pkcs12.passwordSecretRef.key"),
            "k8ssandra.io/v1alpha1/K8ssandraCluster", Set.of("spec.cassandra.serverVersion",
                    "spec.cassandra.podSecurityContext.runAsNonRoot", "spec.cassandra.podSecurityContext.runAsUser",
                    "spec.cassandra.podSecurityContext.runAsGroup", "spec.cassandra.podSecurityContext.fsGroup",
                    "spec.cassandra.podSecurityContext.seccompProfile.type",
                    "spec.cassandra.storageConfig.cassandraDataVolumeClaimSpec.accessModes[]",
                    "spec.cassandra.storageConfig.cassandraDataVolumeClaimSpec.resources.requests.storage",
                    "spec.cassandra.serverEncryptionStores.keystoreSecretRef.name",
                    "spec.cassandra.serverEncryptionStores.truststoreSecretRef.name",
                    "spec.cassandra.clientEncryptionStores.keystoreSecretRef.name",
                    "spec.cassandra.clientEncryptionStores.truststoreSecretRef.name",
                    "spec.cassandra.config.cassandraYaml.*",
                    "spec.cassandra.datacenters[].metadata.name", "spec.cassandra.datacenters[].k8sContext",
                    "spec.cassandra.datacenters[].size", "spec.cassandra.datacenters[].racks[].name",
                    "spec.cassandra.datacenters[].racks[].nodeAffinityLabels.*"));

    private static final Set<String> METADATA = Set.of("name", "namespace", "labels", "annotations");

    /** Field paths of {@code doc} outside the known list (empty = passes). */
    @SuppressWarnings("unchecked")
    static List<String> unknownFields(Map<String, Object> doc) {
        Set<String> known = KNOWN.get(Manifests.key(doc));
        if (known == null) {
            return List.of("no check for " + Manifests.key(doc));
        }
        List<String> unknown = new ArrayList<>();
        for (String top : doc.keySet()) {
            if (!Set.of("apiVersion", "kind", "metadata", "spec").contains(top)) {
                unknown.add(top);
            }
        }
        ((Map<String, Object>) doc.get("metadata")).keySet().stream().filter(k -> !METADATA.contains(k))
                .forEach(k -> unknown.add("metadata." + k));
        walk("spec", doc.get("spec"), known, unknown);
        return unknown;
    }

    private static void walk(String path, Object value, Set<String> known, List<String> unknown) {
        if (known.contains(path) || known.contains(path + ".*")) {
            return;
        }
        if (value instanceof Map<?, ?> map) {
            if (map.isEmpty() && !known.contains(path)) {
                unknown.add(path);
            }
            map.forEach((k, v) -> walk(path + "." + k, v, known, unknown));
        } else if (value instanceof List<?> list) {
            if (known.contains(path + "[]")) {
                return;
            }
            list.forEach(item -> walk(path + "[]", item, known, unknown));
        } else {
            unknown.add(path);
        }
    }

    private CustomResourceCheck() {}
}
