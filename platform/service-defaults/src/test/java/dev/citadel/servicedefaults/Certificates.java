package dev.citadel.servicedefaults;

import dev.citadel.platform.pki.CertificateAuthority;
import dev.citadel.platform.pki.CertificateProfile;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** Client certificates issued in the test by a real CA, presented the way Tomcat presents a verified chain. */
public final class Certificates {

    private final CertificateAuthority ca;

    public Certificates(Path dir) {
        this.ca = CertificateAuthority.loadOrCreate(dir, "test operator CA");
    }

    public X509Certificate[] chain(String commonName) {
        X509Certificate leaf = ca.issue(commonName, CertificateProfile.CLIENT, List.of(), List.of()).certificate();
        return new X509Certificate[] {leaf, ca.certificate()};
    }

    /** A TLS request whose client certificate has subject {@code CN=<name>}. */
    public RequestPostProcessor as(String commonName) {
        X509Certificate[] chain = chain(commonName);
        return request -> {
            request.setSecure(true);
            request.setAttribute("jakarta.servlet.request.X509Certificate", chain);
            return request;
        };
    }

    /** A TLS request without a client certificate. */
    public static RequestPostProcessor tlsWithoutCertificate() {
        return request -> {
            request.setSecure(true);
            return request;
        };
    }
}
