package dev.citadel.cli.rotate;

import java.io.IOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * Asks a listener which certificate it presents now: a full TLS handshake with a client certificate the listener
 * accepts, and the serial of the leaf it sent. Each session is invalidated afterwards, so the next probe cannot
 * resume it and be shown the certificate of an earlier handshake.
 */
public final class TlsCertificateProbe implements CertificateRotation.Probe {

    private static final int TIMEOUT_MILLIS = 3000;

    private final SSLContext context;

    public TlsCertificateProbe(SSLContext context) {
        this.context = context;
    }

    @Override
    public BigInteger presentedSerial(InetSocketAddress listener) {
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket()) {
            socket.connect(listener, TIMEOUT_MILLIS);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            socket.startHandshake();
            Certificate[] chain = socket.getSession().getPeerCertificates();
            socket.getSession().invalidate();
            return chain.length > 0 && chain[0] instanceof X509Certificate leaf ? leaf.getSerialNumber() : null;
        } catch (IOException e) {
            return null;
        }
    }
}
