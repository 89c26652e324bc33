package dev.citadel.platform.engines.jmxagent;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.rmi.server.RMIServerSocketFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;

/**
 * TLS server sockets bound to one address. The JDK's {@code SslRMIServerSocketFactory} binds the wildcard address,
 * which would expose JMX on every interface of the machine.
 */
final class LoopbackSslServerSocketFactory implements RMIServerSocketFactory {

    private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private final InetAddress bindAddress;
    private final SSLContext context;

    LoopbackSslServerSocketFactory(InetAddress bindAddress, SSLContext context) {
        this.bindAddress = bindAddress;
        this.context = context;
    }

    @Override
    public ServerSocket createServerSocket(int port) throws IOException {
        SSLServerSocket socket = (SSLServerSocket) context.getServerSocketFactory().createServerSocket(port, 50, bindAddress);
        socket.setEnabledProtocols(PROTOCOLS);
        // Clients prove who they are with the JMX password; no client certificate, so nodetool needs none.
        socket.setNeedClientAuth(false);
        return socket;
    }
}
