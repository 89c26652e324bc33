package dev.citadel.platform.engines.jmxagent;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.rmi.registry.LocateRegistry;
import java.rmi.registry.Registry;
import java.security.KeyStore;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import javax.management.remote.JMXConnectorServer;
import javax.management.remote.JMXServiceURL;
import javax.management.remote.rmi.RMIConnectorServer;
import javax.management.remote.rmi.RMIJRMPServerImpl;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.rmi.ssl.SslRMIClientSocketFactory;

/**
 * A Java agent ({@code -javaagent:<jar>=<config file>}) that gives an engine JVM its only JMX endpoint: RMI registry
 * and RMI connector both on one port, both TLS, bound to one address, with password authentication and an access file.
 *
 * <p>Why not the engine's or the JDK's own JMX: Cassandra's JMX over TLS (and the JDK's
 * {@code com.sun.management.jmxremote.*} agent) bind the wildcard address, and the JDK agent always adds a local
 * connector on a random port. Only the JDK is used here: the agent jar holds nothing else (see {@code AgentJar}).
 *
 * <p>Config keys: {@code host}, {@code port}, {@code keyStore} (PKCS12), {@code keyStorePassword}, {@code passwordFile}
 * ({@link HashedPasswordAuthenticator}), {@code accessFile} (JDK format: {@code user readonly|readwrite}).
 */
public final class JmxAgent {

    /** Strong references: an RMI registry nobody references can be collected and the port closes. */
    private static Registry registry;
    private static JMXConnectorServer connectorServer;

    private JmxAgent() {
    }

    public static void premain(String configFile) throws Exception {
        Properties config = new Properties();
        try (InputStream in = Files.newInputStream(Path.of(configFile))) {
            config.load(in);
        }
        start(config);
    }

    static synchronized void start(Properties config) throws Exception {
        String host = required(config, "host");
        int port = Integer.parseInt(required(config, "port"));
        // Stubs handed out by the registry must name the address the server is bound to.
        System.setProperty("java.rmi.server.hostname", host);
        System.setProperty("java.rmi.server.randomIDs", "true");

        LoopbackSslServerSocketFactory serverSockets = new LoopbackSslServerSocketFactory(InetAddress.getByName(host),
                sslContext(Path.of(required(config, "keyStore")), required(config, "keyStorePassword").toCharArray()));
        SslRMIClientSocketFactory clientSockets = new SslRMIClientSocketFactory();

        Map<String, Object> env = new HashMap<>();
        env.put(RMIConnectorServer.RMI_SERVER_SOCKET_FACTORY_ATTRIBUTE, serverSockets);
        env.put(RMIConnectorServer.RMI_CLIENT_SOCKET_FACTORY_ATTRIBUTE, clientSockets);
        env.put(JMXConnectorServer.AUTHENTICATOR, HashedPasswordAuthenticator.load(Path.of(required(config, "passwordFile"))));
        env.put("jmx.remote.x.access.file", required(config, "accessFile"));
        // Credentials arrive as a deserialized object: accept a String array and nothing else.
        env.put("jmx.remote.rmi.server.credentials.filter.pattern", String.class.getName() + ";!*");

        // Same port and the same socket factory instance: RMI serves registry and connector on one listening socket.
        registry = LocateRegistry.createRegistry(port, clientSockets, serverSockets);
        RMIJRMPServerImpl server = new RMIJRMPServerImpl(port, clientSockets, serverSockets, env);
        connectorServer = new RMIConnectorServer(new JMXServiceURL("rmi", host, port), env, server,
                ManagementFactory.getPlatformMBeanServer());
        connectorServer.start();
        // Bound locally rather than through a JNDI URL: a JNDI bind would be a TLS client of our own registry.
        registry.rebind("jmxrmi", server.toStub());
    }

    private static SSLContext sslContext(Path keyStore, char[] password) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            ks.load(in, password);
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, password);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        return ctx;
    }

    private static String required(Properties config, String key) throws IOException {
        String value = config.getProperty(key);
        if (value == null || value.isBlank()) {
            throw new IOException("JMX agent config lacks '" + key + "'");
        }
        return value.strip();
    }
}
