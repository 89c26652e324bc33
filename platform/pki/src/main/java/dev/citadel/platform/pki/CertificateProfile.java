package dev.citadel.platform.pki;

/** What a certificate may be used for; decides its extended key usages. */
public enum CertificateProfile {
    /** TLS server only (serverAuth). */
    SERVER,
    /** TLS client only (clientAuth), e.g. an operator or a service authenticating with mTLS. */
    CLIENT,
    /** Both, e.g. a Cassandra node (it is server and client of internode TLS) or a Kafka broker. */
    SERVER_AND_CLIENT;

    boolean server() {
        return this != CLIENT;
    }

    boolean client() {
        return this != SERVER;
    }
}
