package dev.citadel.platform.engines.cassandra;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.metadata.Node;
import com.datastax.oss.driver.api.core.metadata.NodeState;
import dev.citadel.platform.engines.process.TcpProbe;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * Readiness of the Cassandra cluster, without nodetool: from each data centre, CQL answers over TLS
 * as the admin; the node knows every other node as a peer; the driver sees every local node UP; and
 * a read at consistency ALL of the auth keyspace (replicated to every DC) succeeds, which the
 * coordinator only attempts when gossip reports every replica alive.
 */
public final class CassandraReadiness {

    private CassandraReadiness() {
    }

    /** True when something accepts TCP connections on the node's native port (TLS or not). */
    public static boolean listening(InetSocketAddress endpoint) {
        return TcpProbe.listening(endpoint);
    }

    /**
     * Checks the cluster as seen from {@code dataCenter}.
     *
     * @throws IllegalStateException naming what is not ready yet
     */
    public static void check(CassandraAccess access, String dataCenter, int totalNodes) {
        try (CqlSession session = access.session(dataCenter)) {
            check(session, access.adminUsername(), dataCenter, totalNodes);
        }
    }

    static void check(CqlSession session, String adminRole, String dataCenter, int totalNodes) {
        int known = session.getMetadata().getNodes().size();
        if (known != totalNodes) {
            throw new IllegalStateException("driver in " + dataCenter + " knows " + known + " of " + totalNodes + " nodes");
        }
        for (Node node : session.getMetadata().getNodes().values()) {
            if (dataCenter.equals(node.getDatacenter()) && node.getState() != NodeState.UP) {
                throw new IllegalStateException("node " + node.getEndPoint() + " is " + node.getState());
            }
        }
        List<Row> peers = session.execute("SELECT peer, data_center, host_id, native_address FROM system.peers_v2").all();
        long complete = peers.stream().filter(r -> r.getString("data_center") != null && r.getUuid("host_id") != null
                && r.getInetAddress("native_address") != null).count();
        if (complete != totalNodes - 1) {
            throw new IllegalStateException("coordinator in " + dataCenter + " knows " + complete + " complete peers, expected "
                    + (totalNodes - 1));
        }
        session.execute(SimpleStatement.newInstance("SELECT role FROM system_auth.roles WHERE role = ?", adminRole)
                .setConsistencyLevel(ConsistencyLevel.ALL));
    }
}
