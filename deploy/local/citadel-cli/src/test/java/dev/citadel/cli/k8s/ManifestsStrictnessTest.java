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

    @Test
    void theMinimalCustomResourceCheckNamesAnUnlistedField() {
        assertThat(CustomResourceCheck.unknownFields(Manifests.documents("""
                apiVersion: cert-manager.io/v1
                kind: Certificate
                metadata: {name: a, namespace: b}
                spec: {secretName: a, issuerRef: {name: x}, dnsName: [a]}
                """).get(0))).containsExactly("spec.dnsName[]");
    }
}
