package dev.citadel.egress.policy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * What a requested host is: a DNS name, an IP literal in any of the forms resolvers and URL parsers accept, or
 * garbage. SSRF payloads hide loopback behind forms a naive "is it dotted-quad?" check misses: decimal
 * {@code 2130706433}, hex/octal {@code 0x7f.1} / {@code 0177.0.0.1}, short {@code 127.1}, bracketed IPv6 with
 * mapped IPv4 or a zone id. Following the WHATWG URL rule, a host whose last label is a number is an IPv4 literal,
 * whatever the other labels look like; only LDH names ever reach the allow-list and the resolver.
 */
public sealed interface HostLiteral {

    /** A DNS name, lower case, without the trailing dot. */
    record Fqdn(String name) implements HostLiteral {}

    /** An IP literal; {@code address} is null when the literal is malformed (e.g. an octet over 255). */
    record IpLiteral(String text, InetAddress address) implements HostLiteral {}

    record Invalid(String problem) implements HostLiteral {}

    int MAX_NAME = 253;
    int MAX_LABEL = 63;

    static HostLiteral parse(String host) {
        if (host == null || host.isEmpty()) {
            return new Invalid("empty host");
        }
        if (host.startsWith("[") || host.indexOf(':') >= 0) {
            return ipv6(host);
        }
        String name = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        name = name.toLowerCase(Locale.ROOT);
        if (name.isEmpty() || name.length() > MAX_NAME) {
            return new Invalid("host name length");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '.')) {
                return new Invalid("character not allowed in a host name");
            }
        }
        String[] labels = name.split("\\.", -1);
        if (isNumber(labels[labels.length - 1])) {
            return new IpLiteral(host, Ipv4Forms.parse(labels));
        }
        for (String label : labels) {
            if (label.isEmpty() || label.length() > MAX_LABEL || label.startsWith("-") || label.endsWith("-")) {
                return new Invalid("malformed host name label");
            }
        }
        return new Fqdn(name);
    }

    /** Decimal digits, or 0x followed by hex digits (possibly none: WHATWG reads "0x" as zero). */
    private static boolean isNumber(String label) {
        if (label.isEmpty()) {
            return false;
        }
        if (label.startsWith("0x")) {
            return label.substring(2).chars().allMatch(c -> Character.digit(c, 16) >= 0);
        }
        return label.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    private static HostLiteral ipv6(String host) {
        String inner = host;
        if (host.startsWith("[")) {
            if (!host.endsWith("]")) {
                return new IpLiteral(host, null);
            }
            inner = host.substring(1, host.length() - 1);
        }
        int zone = inner.indexOf('%');
        String bare = zone >= 0 ? inner.substring(0, zone) : inner;
        if (bare.isEmpty() || !bare.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.')) {
            return new IpLiteral(host, null);
        }
        try {
            // Bracketed, the JDK parses an IPv6 literal and never asks DNS; a mapped form may come back as IPv4.
            return new IpLiteral(host, InetAddress.getByName("[" + bare + "]"));
        } catch (UnknownHostException e) {
            return new IpLiteral(host, null);
        }
    }
}
