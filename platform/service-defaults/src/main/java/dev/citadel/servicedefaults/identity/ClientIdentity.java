package dev.citadel.servicedefaults.identity;

import jakarta.servlet.http.HttpServletRequest;
import java.security.cert.X509Certificate;
import java.util.Optional;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * Who called, by the subject CN of the client certificate the TLS connector verified. Identities follow one
 * convention: {@code operator} (the operator), {@code scraper.<region>} (a stamp's metrics scraper), {@code edge}
 * (the edge). The issuing CA is already checked by the connector's truststore; the CN says which of its holders this is.
 */
public final class ClientIdentity {

    /** The attribute the Servlet spec (and Tomcat) fills with the verified client chain, leaf first. */
    public static final String CERTIFICATES = "jakarta.servlet.request.X509Certificate";

    private ClientIdentity() {
    }

    /** The CN of the client certificate, or empty when the request carried none (plaintext, or TLS without one). */
    public static Optional<String> commonName(HttpServletRequest request) {
        if (!(request.getAttribute(CERTIFICATES) instanceof X509Certificate[] chain) || chain.length == 0) {
            return Optional.empty();
        }
        return commonName(chain[0]);
    }

    static Optional<String> commonName(X509Certificate certificate) {
        try {
            LdapName name = new LdapName(certificate.getSubjectX500Principal().getName());
            // The most specific CN is the last RDN in RFC 2253 order reversed: LdapName lists them root first.
            for (int i = name.size() - 1; i >= 0; i--) {
                Rdn rdn = name.getRdns().get(i);
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    return Optional.of(rdn.getValue().toString());
                }
            }
            return Optional.empty();
        } catch (InvalidNameException e) {
            return Optional.empty();
        }
    }
}
