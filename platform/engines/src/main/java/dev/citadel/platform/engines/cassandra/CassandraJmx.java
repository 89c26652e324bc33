package dev.citadel.platform.engines.cassandra;

import dev.citadel.platform.pki.Secret;
import java.nio.file.Path;

/**
 * How an operator reaches a node's JMX: TLS (registry and connector) on {@code host:port}, password authentication
 * as {@link #OPERATOR}, the server certificate issued by the tier's CA ({@code trustStore}).
 */
public record CassandraJmx(String host, int port, String user, Secret password, Path trustStore,
                           Secret trustStorePassword) {

    /** The one JMX user of every node, with read-write access (nodetool needs it). */
    public static final String OPERATOR = "operator";
    /** JMX is only reachable from this machine. */
    public static final String HOST = "127.0.0.1";

    public String serviceUrl() {
        return "service:jmx:rmi:///jndi/rmi://" + host + ":" + port + "/jmxrmi";
    }

    @Override
    public String toString() {
        return "CassandraJmx[" + user + "@" + host + ":" + port + "]";
    }
}
