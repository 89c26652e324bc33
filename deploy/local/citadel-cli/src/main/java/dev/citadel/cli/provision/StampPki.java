package dev.citadel.cli.provision;

import dev.citadel.cli.services.RunLayout;
import dev.citadel.cli.services.ServiceCommandLines;
import dev.citadel.cli.services.ServiceKind;
import dev.citadel.cli.topology.Topology;
import dev.citadel.platform.pki.CertificateAuthority;
import dev.citadel.platform.pki.CertificateProfile;
import dev.citadel.platform.pki.IssuedCertificate;
import dev.citadel.platform.pki.Pem;
import dev.citadel.platform.pki.SecureFiles;
import dev.citadel.platform.pki.TlsBundle;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The certificates of the services and the edge. Three CAs, each with one job, so that trusting a CA means trusting
 * exactly one kind of client: the installation CA (every server certificate, the engines' too), the edge CA (issues
 * only the edge's client certificate: stamps trust nothing else on their public port) and the operator CA (issues
 * only management-zone client certificates). Everything is reused on a warm start and reissued only when a name
 * changed.
 */
public final class StampPki {

    /** The subject CN of the edge's client certificate; its files are {@code edge/tls/client/edge.{crt,key}}. */
    static final String EDGE_CLIENT = "edge";
    /** The subject CN of the operator's client certificate ({@code pki/operator/operator.{crt,key}}). */
    static final String OPERATOR = "operator";

    private final RunLayout layout;
    private final CertificateAuthority stampCa;
    private final CertificateAuthority edgeCa;
    private final CertificateAuthority operatorCa;

    private StampPki(RunLayout layout, CertificateAuthority stampCa, CertificateAuthority edgeCa,
                     CertificateAuthority operatorCa) {
        this.layout = layout;
        this.stampCa = stampCa;
        this.edgeCa = edgeCa;
        this.operatorCa = operatorCa;
    }

    /** The installation CA exists already (the data tier created it); the other two are created on first use. */
    public static StampPki loadOrCreate(RunLayout layout, String clusterName) {
        return new StampPki(layout,
                CertificateAuthority.loadOrCreate(layout.stampCaDir(), clusterName + " CA"),
                CertificateAuthority.loadOrCreate(layout.edgeCaDir(), clusterName + " edge CA"),
                CertificateAuthority.loadOrCreate(layout.operatorCaDir(), clusterName + " operator CA"));
    }

    /** {@code tls/server.{crt,key}} with DNS {@code <service>.<region>.citadel} and the service's IPs; both CA files. */
    void issueService(ServiceKind kind, String region, String address) {
        issueService(kind, region, List.of(address));
    }

    /** Like {@link #issueService(ServiceKind, String, String)}, naming every address the service listens on. */
    void issueService(ServiceKind kind, String region, List<String> addresses) {
        Path tls = layout.tlsDir(kind, region);
        TlsBundle.loadOrIssue(stampCa, tls, "server", CertificateProfile.SERVER, List.of(kind.dnsName(region), "localhost"),
                addresses);
        SecureFiles.write(tls.resolve("edge-ca.crt"), Pem.certificate(edgeCa.certificate()));
        SecureFiles.write(tls.resolve("operator-ca.crt"), Pem.certificate(operatorCa.certificate()));
        if (kind == ServiceKind.HEALTH_SERVICE) {
            // Its own identity for scraping the stamp's management ports: they trust the operator CA, and give
            // CN=scraper.<region> the metrics and health endpoints of its own stamp and nothing else.
            TlsBundle.loadOrIssue(operatorCa, tls.resolve("scraper"), ServiceCommandLines.scraperName(region),
                    CertificateProfile.CLIENT, List.of(), List.of());
        }
    }

    /**
     * A new key and certificate for the service in place of its current ones, same names and address, same CA, so
     * every client keeps trusting it (rotation). The files are replaced one by one, each atomically.
     *
     * @return the new certificate
     */
    public X509Certificate reissueService(ServiceKind kind, String region, String address) {
        return reissueService(kind, region, List.of(address));
    }

    /**
     * Like {@link #reissueService(ServiceKind, String, String)}, for every address the service listens on: during a
     * release both units' instances of a stamp service share their certificate (and its files).
     */
    public X509Certificate reissueService(ServiceKind kind, String region, List<String> addresses) {
        Path tls = layout.tlsDir(kind, region);
        IssuedCertificate issued = stampCa.issue("server", CertificateProfile.SERVER,
                List.of(kind.dnsName(region), "localhost"), addresses);
        writeKeepingOwner(issued, tls);
        return issued.certificate();
    }

    /**
     * New keys and certificates for the edge in place of its current ones (rotation): the public server certificate
     * (same names, same installation CA) and its client certificate (same CN, same edge CA), so browsers, the
     * operator and every stamp keep trusting them. The edge follows its files and presents them on new
     * connections.
     *
     * @return the new server certificate (the client one is seen only by the stamps)
     */
    public X509Certificate reissueEdge(Topology.EdgeNode edge) {
        Path tls = layout.tlsDir(ServiceKind.EDGE, null);
        IssuedCertificate server = stampCa.issue("edge", CertificateProfile.SERVER, List.of("localhost"), edgeIps(edge));
        IssuedCertificate client = edgeCa.issue(EDGE_CLIENT, CertificateProfile.CLIENT, List.of(), List.of());
        writeKeepingOwner(server, tls.resolve("server"));
        writeKeepingOwner(client, tls.resolve("client"));
        return server.certificate();
    }

    /**
     * A new client certificate for the edge (same CN) from {@code edgeCa}, written in place of the current one: the
     * edge CA's rotation issues it from the new CA.
     *
     * @return the new client certificate
     */
    public static X509Certificate reissueEdgeClient(RunLayout layout, CertificateAuthority edgeCa) {
        IssuedCertificate client = edgeCa.issue(EDGE_CLIENT, CertificateProfile.CLIENT, List.of(), List.of());
        writeKeepingOwner(client, layout.tlsDir(ServiceKind.EDGE, null).resolve("client"));
        return client.certificate();
    }

    /** The CN of the edge's client certificate: the one client the stamps' public ports accept. */
    public static String edgeClientName() {
        return EDGE_CLIENT;
    }

    /**
     * A component running under its own account owns its directory and must still read the new files. The chown
     * follows the writes within milliseconds, inside the reload's quiet period. The files are replaced one by
     * one, each atomically.
     */
    private static void writeKeepingOwner(IssuedCertificate issued, Path tls) {
        try {
            UserPrincipal owner = Files.getOwner(tls);
            issued.writeBundle(tls);
            try (Stream<Path> files = Files.list(tls)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    if (!Files.getOwner(file).equals(owner)) {
                        Files.setOwner(file, owner);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rotate the certificate in " + tls, e);
        }
    }

    private static List<String> edgeIps(Topology.EdgeNode edge) {
        List<String> ips = new ArrayList<>(List.of("127.0.0.1"));
        if (!ips.contains(edge.address())) {
            ips.add(edge.address());
        }
        return ips;
    }

    /** The public server certificate (localhost, 127.0.0.1 and the edge address) and the edge's client certificate. */
    void issueEdge(Topology.EdgeNode edge) {
        Path tls = layout.tlsDir(ServiceKind.EDGE, null);
        TlsBundle.loadOrIssue(stampCa, tls.resolve("server"), "edge", CertificateProfile.SERVER, List.of("localhost"),
                edgeIps(edge));
        // CN=edge: the one client the stamps' public ports accept.
        TlsBundle.loadOrIssue(edgeCa, tls.resolve("client"), EDGE_CLIENT, CertificateProfile.CLIENT, List.of(), List.of());
        // The admin listener's trust file, a copy of the operator CA: during its rotation it lists old and new.
        SecureFiles.write(layout.edgeOperatorCaPem(), Pem.certificate(operatorCa.certificate()));
    }

    /** The operator's client certificate; the CLI uses it for every management call. */
    void issueOperator() {
        TlsBundle.loadOrIssue(operatorCa, layout.operatorDir(), OPERATOR, CertificateProfile.CLIENT, List.of(), List.of());
    }

    /**
     * A new operator certificate (same CN) from {@code operatorCa} in place of the current one: the operator CA's
     * rotation issues it from the new CA. The CLI and the supervisor read it at every use.
     *
     * @return the new certificate
     */
    public static X509Certificate reissueOperator(RunLayout layout, CertificateAuthority operatorCa) {
        IssuedCertificate operator = operatorCa.issue(OPERATOR, CertificateProfile.CLIENT, List.of(), List.of());
        writeKeepingOwner(operator, layout.operatorDir());
        return operator.certificate();
    }

    /**
     * A new scrape certificate for a stamp's health-service ({@code CN=scraper.<region>}) from {@code operatorCa},
     * written in place of the current one; health-service uses it from its next scrape.
     *
     * @return the new certificate
     */
    public static X509Certificate reissueScraper(RunLayout layout, String region, CertificateAuthority operatorCa) {
        IssuedCertificate scraper = operatorCa.issue(ServiceCommandLines.scraperName(region), CertificateProfile.CLIENT,
                List.of(), List.of());
        writeKeepingOwner(scraper, layout.tlsDir(ServiceKind.HEALTH_SERVICE, region).resolve("scraper"));
        return scraper.certificate();
    }

    /** The CN of the operator's client certificate, which every management listener accepts. */
    public static String operatorName() {
        return OPERATOR;
    }
}
