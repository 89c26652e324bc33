package dev.citadel.cli.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.strimzi.api.kafka.model.user.KafkaUser;
import org.junit.jupiter.api.Test;

/** The strict reading the manifest tests rely on rejects what a lenient one would let through. */
class ManifestsStrictnessTest {

    private static Object read(String yaml) {
        return Manifests.typed(Manifests.documents(yaml).get(0));
    }

    @Test
    void aWellFormedDeploymentParses() {
        assertThat(read("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: a, namespace: b}
                spec:
                  selector: {matchLabels: {app: a}}
                  template:
                    metadata: {labels: {app: a}}
                    spec:
                      containers: [{name: a, image: a, securityContext: {readOnlyRootFilesystem: true}}]
                """)).isInstanceOf(Deployment.class);
    }

    @Test
    void aMisspelledFieldDeepInAPodTemplateFails() {
        assertThatThrownBy(() -> read("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: a, namespace: b}
                spec:
                  selector: {matchLabels: {app: a}}
                  template:
                    metadata: {labels: {app: a}}
                    spec:
                      containers: [{name: a, image: a, securityContext: {readOnlyRootFileSystem: true}}]
                """)).isInstanceOf(AssertionError.class).hasMessageContaining("readOnlyRootFileSystem");
    }

    @Test
    void aFieldStrimziDoesNotKnowFails() {
        assertThat(read("""
                apiVersion: kafka.strimzi.io/v1beta2
                kind: KafkaUser
                metadata: {name: a, namespace: b}
                spec:
                  authentication: {type: scram-sha-512}
                """)).isInstanceOf(KafkaUser.class);
        assertThatThrownBy(() -> read("""
                apiVersion: kafka.strimzi.io/v1beta2
                kind: KafkaUser
                metadata: {name: a, namespace: b}
                spec:
                  authentication: {type: scram-sha-512}
                  authorisation: {type: simple}
                """)).isInstanceOf(AssertionError.class).hasMessageContaining("authorisation");
    }

    private static java.util.List<String> schemaViolations(String yaml) {
        return CrdSchemaCheck.violations(Manifests.documents(yaml).get(0));
    }

    @Test
    void aValidCertificatePassesTheCrdSchema() {
        assertThat(schemaViolations("""
                apiVersion: cert-manager.io/v1
                kind: Certificate
                metadata: {name: a, namespace: b}
                spec:
                  secretName: a
                  issuerRef: {name: x, kind: ClusterIssuer, group: cert-manager.io}
                  dnsNames: [a.b.svc]
                  usages: [server auth, client auth]
                  privateKey: {algorithm: ECDSA, size: 256, rotationPolicy: Always}
                  keystores: {pkcs12: {create: true, profile: Modern2023, passwordSecretRef: {name: p, key: k}}}
                """)).isEmpty();
    }

    @Test
    void aFieldTheCertificateSchemaDoesNotDeclareFails() {
        assertThat(schemaViolations("""
                apiVersion: cert-manager.io/v1
                kind: Certificate
                metadata: {name: a, namespace: b}
                spec: {secretName: a, issuerRef: {name: x}, dnsName: [a]}
                """)).singleElement().asString().contains("dnsName");
    }

    @Test
    void aWrongTypeAWrongEnumValueAndAMissingRequiredFieldFail() {
        assertThat(schemaViolations("""
                apiVersion: cert-manager.io/v1
                kind: Certificate
                metadata: {name: a, namespace: b}
                spec:
                  secretName: a
                  issuerRef: {kind: ClusterIssuer}
                  isCA: "yes"
                  usages: [server-auth]
                """)).hasSize(3).anySatisfy(v -> assertThat(v).contains("issuerRef").contains("name"))
                .anySatisfy(v -> assertThat(v).contains("isCA"))
                .anySatisfy(v -> assertThat(v).contains("usages"));
    }

    @Test
    void theK8ssandraSchemaChecksDatacentersAndLeavesCassandraYamlOpen() {
        String valid = """
                apiVersion: k8ssandra.io/v1alpha1
                kind: K8ssandraCluster
                metadata: {name: a, namespace: b}
                spec:
                  cassandra:
                    serverVersion: 5.0.4
                    config: {cassandraYaml: {any_option: {nested: true}}}
                    storageConfig: {cassandraDataVolumeClaimSpec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 5Gi}}}}
                    datacenters:
                    - metadata: {name: dc1}
                      k8sContext: region1
                      size: %s
                      racks: [{name: %s, nodeAffinityLabels: {zone: a}}]
                """;
        assertThat(schemaViolations(valid.formatted("3", "rack1"))).isEmpty();
        assertThat(schemaViolations(valid.formatted("0", "rack1"))).singleElement().asString().contains("size");
        assertThat(schemaViolations(valid.formatted("three", "rack1"))).singleElement().asString().contains("size");
        assertThat(schemaViolations(valid.formatted("3", "r"))).singleElement().asString().contains("name");
        assertThat(schemaViolations(valid.formatted("3", "rack1").replace("k8sContext", "k8sCtx")))
                .singleElement().asString().contains("k8sCtx");
    }

    @Test
    void metadataBeyondWhatCitadelSetsFailsAndSoDoesAnUnknownKind() {
        assertThat(schemaViolations("""
                apiVersion: cert-manager.io/v1
                kind: ClusterIssuer
                metadata: {name: a, finalizer: [x]}
                spec: {ca: {secretName: s}}
                """)).singleElement().asString().contains("finalizer");
        assertThat(schemaViolations("""
                apiVersion: cert-manager.io/v1
                kind: Issuer
                metadata: {name: a, namespace: b}
                spec: {selfSigned: {}}
                """)).singleElement().asString().contains("no vendored schema");
    }
}
