package dev.citadel.catalog.store;

import java.net.InetSocketAddress;
import java.util.List;

/** Parses {@code host:port} and {@code [ipv6]:port} contact points. */
final class ContactPoints {

  private ContactPoints() {}

  static InetSocketAddress parse(String hostPort) {
    if (hostPort == null) {
      throw new IllegalArgumentException("contact point must not be null");
    }
    int colon = hostPort.lastIndexOf(':');
    if (colon <= 0 || colon == hostPort.length() - 1) {
      throw new IllegalArgumentException("contact point must be host:port, was " + hostPort);
    }
    String host = hostPort.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port;
    try {
      port = Integer.parseInt(hostPort.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("contact point port is not a number: " + hostPort, e);
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("contact point port out of range: " + hostPort);
    }
    return InetSocketAddress.createUnresolved(host, port);
  }

  static List<InetSocketAddress> resolveAll(List<String> hostPorts) {
    return hostPorts.stream().map(ContactPoints::parse)
        .map(a -> new InetSocketAddress(a.getHostString(), a.getPort()))
        .toList();
  }
}
