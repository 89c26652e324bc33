package dev.citadel.cli.rotate;

import dev.citadel.cli.provision.StampPki;
import dev.citadel.cli.services.RunLayout;
import dev.citadel.cli.services.ServiceCommandLines;
import dev.citadel.cli.services.ServiceKind;
import dev.citadel.cli.topology.Topology;
import dev.citadel.cli.topology.Topology.ServiceNode;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the operator CA's rotation touches. Consumers: every management listener, each of which demands an operator
 * CA client certificate and follows its trust file — the stamps' Spring services (their {@code operator} SSL
 * bundle reloads {@code tls/operator-ca.crt}; background-processor's only port is one), the egress firewalls'
 * management listeners and the edge's admin listener ({@code ReloadingSslContext} on {@code tls/operator-ca.crt}).
 * Leaves: the operator's certificate and each health-service's scrape certificate ({@code CN=scraper.<region>}).
 */
public final class OperatorCaParts {

    private static final List<ServiceKind> STAMP_SERVICES = List.of(ServiceKind.CATALOG_API,
            ServiceKind.BACKGROUND_PROCESSOR, ServiceKind.HEALTH_SERVICE, ServiceKind.WEB_UI,
            ServiceKind.EGRESS_FIREWALL);

    private OperatorCaParts() {}

    /** Every file a management listener reads the CAs it trusts for client certificates from. */
    public static List<Path> trustFiles(Topology topo, RunLayout layout) {
        List<Path> files = new ArrayList<>();
        for (Topology.Region region : topo.regions()) {
            for (ServiceKind kind : STAMP_SERVICES) {
                files.add(layout.tlsDir(kind, region.name()).resolve("operator-ca.crt"));
            }
        }
        files.add(layout.edgeOperatorCaPem());
        return files;
    }

    /** Every management listener, by component name. */
    public static Map<String, InetSocketAddress> managementListeners(Topology topo) {
        Map<String, InetSocketAddress> listeners = new LinkedHashMap<>();
        for (Topology.Region region : topo.regions()) {
            for (ServiceKind kind : STAMP_SERVICES) {
                ServiceNode node = ServiceCommandLines.node(kind, topo.stamp(region.name()));
                listeners.put(kind.component(region.name()),
                        new InetSocketAddress(node.address(), node.managementPort()));
            }
        }
        Topology.EdgeNode edge = topo.edge();
        listeners.put(ServiceKind.EDGE.component(null), new InetSocketAddress(edge.address(), edge.managementPort()));
        return listeners;
    }

    /** The operator's certificate (read at every use) and each stamp's scrape certificate (health-service's log). */
    public static List<CaRotation.Leaf> leaves(Topology topo, RunLayout layout) {
        List<CaRotation.Leaf> leaves = new ArrayList<>();
        leaves.add(new CaRotation.Leaf("operator", ca -> StampPki.reissueOperator(layout, ca),
                new OperatorKeyStoreCheck(layout)));
        for (Topology.Region region : topo.regions()) {
            String r = region.name();
            String holder = ServiceKind.HEALTH_SERVICE.component(r);
            leaves.add(new CaRotation.Leaf(holder + " (" + ServiceCommandLines.scraperName(r) + ")",
                    ca -> StampPki.reissueScraper(layout, r, ca),
                    new TlsReloadLogCheck(layout.logFile(holder), "scrape-client")));
        }
        return leaves;
    }
}
