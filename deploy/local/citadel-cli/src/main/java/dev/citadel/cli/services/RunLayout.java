package dev.citadel.cli.services;

import java.nio.file.Path;

/**
 * Where everything of one run lives under the run directory. The data tier owns {@code pki/ca}, {@code secrets/}
 * and {@code nodes/}; the services' material sits beside it:
 * <pre>
 * pki/ca/ca.crt                     the installation CA (engines' and services' server certificates, the edge's)
 * pki/edge-ca/ca.crt                issues only the edge's client certificate: stamps trust nothing else
 * pki/operator-ca/ca.crt            issues only operator (management-zone) client certificates
 * pki/operator/operator.{crt,key}   the operator's client certificate, used by the CLI for management calls
 * stamps/REGION/SERVICE/tls/        server.{crt,key}, edge-ca.crt, operator-ca.crt
 * stamps/REGION/SERVICE/secrets/    key-per-file secrets (0700 dir, 0600 files), CITADEL_SECRETS_DIR
 * edge/edge.yaml, edge/tls/         the edge's configuration and certificates
 * services-plan.json                what the supervisor launches (written by up)
 * services-state.json               what the supervisor runs now (written by the supervisor)
 * </pre>
 */
public record RunLayout(Path runDir) {

    public RunLayout {
        runDir = runDir.toAbsolutePath().normalize();
    }

    public Path logs() {
        return runDir.resolve("logs");
    }

    public Path logFile(String component) {
        return logs().resolve(component + ".log");
    }

    public Path stampCaDir() {
        return runDir.resolve("pki/ca");
    }

    public Path stampCaPem() {
        return stampCaDir().resolve("ca.crt");
    }

    public Path edgeCaDir() {
        return runDir.resolve("pki/edge-ca");
    }

    public Path operatorCaDir() {
        return runDir.resolve("pki/operator-ca");
    }

    public Path operatorDir() {
        return runDir.resolve("pki/operator");
    }

    /** The engines' client truststore (PKCS12 holding the installation CA); password in the tier's secrets. */
    public Path clientTrustStore() {
        return runDir.resolve("pki/client-truststore.p12");
    }

    public Path tierSecrets() {
        return runDir.resolve("secrets");
    }

    public Path serviceDir(ServiceKind kind, String region) {
        return kind == ServiceKind.EDGE ? runDir.resolve("edge") : runDir.resolve("stamps").resolve(region).resolve(kind.id());
    }

    public Path tlsDir(ServiceKind kind, String region) {
        return serviceDir(kind, region).resolve("tls");
    }

    public Path secretsDir(ServiceKind kind, String region) {
        return serviceDir(kind, region).resolve("secrets");
    }

    public Path edgeConfig() {
        return runDir.resolve("edge/edge.yaml");
    }

    public Path servicesPlan() {
        return runDir.resolve("services-plan.json");
    }

    public Path servicesState() {
        return runDir.resolve("services-state.json");
    }
}
