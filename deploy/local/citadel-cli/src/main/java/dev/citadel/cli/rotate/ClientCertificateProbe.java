package dev.citadel.cli.rotate;

import dev.citadel.platform.pki.IssuedCertificate;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;

/**
 * Shows a listener that demands client certificates one certificate, and tells whether it took it: a fresh
 * handshake, then one small HTTP request. In TLS 1.3 the server checks the client's certificate after the client's
 * side of the handshake is done, so only an answer (any status) proves acceptance; an alert or a closed connection
 * after connecting is a refusal; no connection at all is neither.
 */
public final class ClientCertificateProbe {

    private static final int TIMEOUT_MILLIS = 3000;

    private final TrustManager[] serverTrust;
    private final InetSocketAddress listener;

    /** @param serverTrust what the listener's own certificate must chain to */
    public ClientCertificateProbe(TrustManager[] serverTrust, InetSocketAddress listener) {
        this.serverTrust = serverTrust;
        this.listener = listener;
    }

    public CaRotation.Verdict verdict(IssuedCertificate leaf) {
        SSLContext context = context(leaf);
        Socket plain = new Socket();
        try {
            plain.connect(listener, TIMEOUT_MILLIS);
        } catch (IOException e) {
            closeQuietly(plain);
            return CaRotation.Verdict.UNREACHABLE;
        }
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(plain,
                listener.getHostString(), listener.getPort(), true)) {
            socket.setSoTimeout(TIMEOUT_MILLIS);
            socket.startHandshake();
            socket.getOutputStream().write(("HEAD / HTTP/1.1\r\nHost: " + listener.getHostString()
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            byte[] status = in.readNBytes(5);
            return new String(status, StandardCharsets.US_ASCII).equals("HTTP/")
                    ? CaRotation.Verdict.ACCEPTED : CaRotation.Verdict.REFUSED;
        } catch (IOException e) {
            return CaRotation.Verdict.REFUSED;
        }
    }

    private SSLContext context(IssuedCertificate leaf) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            char[] transientPassword = "in-memory".toCharArray();
            store.setKeyEntry("probe", leaf.privateKey(), transientPassword,
                    new Certificate[] {leaf.certificate(), leaf.caCertificate()});
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(store, transientPassword);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), serverTrust, null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot build a TLS context for the probe certificate", e);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing was sent
        }
    }
}
